namespace CityActors.Grains.Concept;

/// <summary>Element-wise list equality for the document records, whose lists would otherwise compare by reference.</summary>
static class SequenceEquality
{
    public static bool Equal<T>(IReadOnlyList<T>? left, IReadOnlyList<T>? right)
    {
        if (ReferenceEquals(left, right))
            return true;
        if (left is null || right is null || left.Count != right.Count)
            return false;
        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < left.Count; i++)
        {
            if (!comparer.Equals(left[i], right[i]))
                return false;
        }
        return true;
    }
}

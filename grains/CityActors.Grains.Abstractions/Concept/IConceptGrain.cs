namespace CityActors.Grains.Concept;

/// <summary>The city's Concept of Integrated Development as imported (key: the city's name, such as <c>zhytomyr</c>).</summary>
public interface IConceptGrain : IGrainWithStringKey
{
    /// <summary>Priority → strategic goal → task → project, with each project's grain key and its status per imported year; empty before the first import.</summary>
    [ReadOnly]
    Task<ConceptTree> GetTreeAsync();
}

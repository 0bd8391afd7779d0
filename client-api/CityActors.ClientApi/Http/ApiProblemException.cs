namespace CityActors.ClientApi.Http;

/// <summary>A request refused with a status and a reason; the API answers it as problem details and nothing is changed.</summary>
public sealed class ApiProblemException(int status, string title, string detail, string? field = null, object? errors = null) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public string? Field { get; } = field;

    /// <summary>Item-level reasons (a batch's rejected items), sent as the <c>errors</c> member.</summary>
    public object? Errors { get; } = errors;
}

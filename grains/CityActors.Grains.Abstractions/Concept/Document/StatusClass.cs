using System.Text.Json.Serialization;

namespace CityActors.Grains.Concept;

/// <summary>What a project's report for the year says about its state.</summary>
/// <remarks>Stored as its name in JSON so that reordering the members never changes stored meaning.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<StatusClass>))]
public enum StatusClass
{
    NoInformation,
    Implemented,
    InProgress,
    NotImplemented,
    SuspendedMartialLaw,
    NoLongerNeeded,
}

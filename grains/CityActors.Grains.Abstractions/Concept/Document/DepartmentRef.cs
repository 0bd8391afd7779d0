namespace CityActors.Grains.Concept;

/// <summary>A responsible department: canonical id and name, and the spelling the document used.</summary>
public sealed record DepartmentRef(string Id, string Name, string RawSpelling);

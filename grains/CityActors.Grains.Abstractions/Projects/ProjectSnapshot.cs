namespace CityActors.Grains.Projects;

/// <summary>A project and its yearly reports, oldest year first.</summary>
public sealed record ProjectSnapshot(string Key, ProjectRegistration? Registration, IReadOnlyList<SubmittedReport> Reports, long Version);

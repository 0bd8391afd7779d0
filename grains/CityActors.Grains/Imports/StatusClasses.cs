using CityActors.Grains.Concept;
using CityActors.Grains.Projects;

namespace CityActors.Grains.Imports;

/// <summary>Between the Concept report's status classes and the classes a project's yearly report is stored with.</summary>
static class StatusClasses
{
    public static ProjectStatusClass ToProject(StatusClass statusClass) => statusClass switch
    {
        StatusClass.Implemented => ProjectStatusClass.Implemented,
        StatusClass.InProgress => ProjectStatusClass.InProgress,
        StatusClass.NotImplemented => ProjectStatusClass.NotImplemented,
        StatusClass.SuspendedMartialLaw => ProjectStatusClass.Suspended,
        StatusClass.NoLongerNeeded => ProjectStatusClass.NoLongerNeeded,
        _ => ProjectStatusClass.NoInformation,
    };

    /// <summary>A report submitted through the API may use <c>NotStarted</c> or <c>Completed</c>, which the report form counts as not implemented and implemented.</summary>
    public static StatusClass ToConcept(ProjectStatusClass statusClass) => statusClass switch
    {
        ProjectStatusClass.Implemented or ProjectStatusClass.Completed => StatusClass.Implemented,
        ProjectStatusClass.InProgress => StatusClass.InProgress,
        ProjectStatusClass.NotImplemented or ProjectStatusClass.NotStarted => StatusClass.NotImplemented,
        ProjectStatusClass.Suspended => StatusClass.SuspendedMartialLaw,
        ProjectStatusClass.NoLongerNeeded => StatusClass.NoLongerNeeded,
        _ => StatusClass.NoInformation,
    };
}

namespace CityActors.Runtime.Hosting;

/// <summary>The silo's own figures, as a grain (Orleans: <c>IManagementGrain</c>); use the key "silo".</summary>
public interface IManagementGrain : IGrainWithStringKey
{
    [AlwaysInterleave]
    Task<RuntimeStatistics> GetRuntimeStatisticsAsync();
}

[GrainType("management")]
internal sealed class ManagementGrain(Silo silo) : Grain, IManagementGrain
{
    public Task<RuntimeStatistics> GetRuntimeStatisticsAsync() => Task.FromResult(silo.GetStatistics());
}

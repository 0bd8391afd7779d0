using CityActors.Grains.Access;
using CityActors.Grains.Aggregation;
using CityActors.Grains.Concept;
using CityActors.Grains.Departments;
using CityActors.Grains.Directory;
using CityActors.Grains.Facilities;
using CityActors.Grains.Imports;
using CityActors.Grains.Kinds;
using CityActors.Grains.Projects;
using Microsoft.Extensions.Options;

namespace CityActors.ClientApi;

/// <summary>The grains of the city the API serves, by role.</summary>
public sealed class CityGrains(IGrainFactory grains, IOptions<ClientApiOptions> options)
{
    public string Name => options.Value.City;
    public IFacilityDirectoryGrain Directory => grains.GetGrain<IFacilityDirectoryGrain>(Name);
    public ICityAggregateGrain Aggregate => grains.GetGrain<ICityAggregateGrain>(Name);
    public IKindRegistryGrain Kinds => grains.GetGrain<IKindRegistryGrain>(Name);
    public IConceptGrain Concept => grains.GetGrain<IConceptGrain>(Name);
    public IImportGrain Imports => grains.GetGrain<IImportGrain>(Name);
    public IAccessGrain Access => grains.GetGrain<IAccessGrain>(Name);
    public IFacilityGrain Facility(string key) => grains.GetGrain<IFacilityGrain>(key);
    public IProjectGrain Project(string key) => grains.GetGrain<IProjectGrain>(key);
    public IDepartmentGrain Department(string key) => grains.GetGrain<IDepartmentGrain>(key);
}

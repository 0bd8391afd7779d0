using CityActors.ClientApi;
using CityActors.Dashboard;
using CityActors.Silo.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddCityActorsSilo();
builder.AddCityActorsCity();
builder.AddCityActorsDashboard();
builder.AddCityActorsApi();

var app = builder.Build();

app.MapRuntimeApi();
app.MapCityActorsDashboard();
app.MapCityActorsApi();

app.Run();

/// <summary>The silo's entry point; public so that tests can host it.</summary>
public partial class Program;

using CityActors.ClientApi;
using CityActors.Dashboard;
using CityActors.Silo.Commands;
using CityActors.Silo.Extensions;
using CityActors.Silo.Telemetry;

if (args is [MigrateCommand.Name, ..])
{
    var configuration = WebApplication.CreateBuilder();
    return await MigrateCommand.RunAsync(args, configuration.Configuration, configuration.Environment.ContentRootPath, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddCityActorsTelemetry();
builder.AddCityActorsSilo();
builder.AddCityActorsCity();
builder.AddCityActorsDashboard();
builder.AddCityActorsApi();

var app = builder.Build();

app.MapRuntimeApi();
app.MapHealth();
app.MapCityActorsDashboard();
app.MapCityActorsApi();

await app.RunAsync();
return 0;

/// <summary>The silo's entry point; public so that tests can host it.</summary>
public partial class Program;

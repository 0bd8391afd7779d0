using CityActors.Grains;
using CityActors.Grains.Demo;
using CityActors.Grains.Imports;
using Microsoft.Extensions.Options;

namespace CityActors.Silo.Extensions;

/// <summary>Wires the city the silo runs: options from <c>City</c>, the demo city and its simulator.</summary>
public static class CityExtensions
{
    /// <remarks>
    /// Call after <c>AddCityActorsSilo</c>: hosted services start in order, so the silo is up before the demo city is
    /// registered, and the city is registered before the simulator sends its first update. Both do nothing when
    /// <c>City:Demo:Enabled</c> or <c>City:Simulator:Enabled</c> is false.
    /// </remarks>
    public static WebApplicationBuilder AddCityActorsCity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<CityOptions>().BindConfiguration("City").ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<CityOptions>, CityOptionsValidator>();
        builder.Services.AddHostedService<DemoCitySeeder>();
        builder.Services.AddHostedService<CitySimulator>();
        // After the demo city, whose departments keep their English names: the 2025 Concept report at the first start.
        builder.Services.AddHostedService<ConceptSeeder>();
        return builder;
    }

    sealed class CityOptionsValidator : IValidateOptions<CityOptions>
    {
        public ValidateOptionsResult Validate(string? name, CityOptions options)
        {
            var problems = options.Validate().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}

using CityActors.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CityActors.Runtime.Testing;

/// <summary>An in-process silo for tests: start it, call grains, stop it gracefully or kill it, and start a new one on the same storage.</summary>
/// <remarks>The configuration delegate runs again for each restart, so it must point at the same storage each time.</remarks>
public sealed class TestSilo : IAsyncDisposable
{
    readonly IHost _host;
    readonly Action<SiloBuilder> _configure;
    readonly TimeProvider? _time;
    bool _down;

    TestSilo(IHost host, Action<SiloBuilder> configure, TimeProvider? time)
    {
        _host = host;
        _configure = configure;
        _time = time;
    }

    public IServiceProvider Services => _host.Services;

    public IGrainFactory GrainFactory => _host.Services.GetRequiredService<IGrainFactory>();

    public Silo Silo => _host.Services.GetRequiredService<Silo>();

    /// <summary>Builds and starts a silo; <paramref name="time"/> replaces the system clock when given.</summary>
    public static async Task<TestSilo> StartAsync(Action<SiloBuilder> configure, TimeProvider? time = null, IDictionary<string, string?>? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        if (configuration is not null)
            builder.Configuration.AddInMemoryCollection(configuration);
        if (time is not null)
            builder.Services.AddSingleton(time);
        builder.Services.AddLogging();
        builder.UseCityActors(configure);
        var host = builder.Build();
        await host.StartAsync();
        return new TestSilo(host, configure, time);
    }

    /// <summary>Stops gracefully: running calls finish, grains deactivate, storage is flushed.</summary>
    /// <param name="cancellationToken">Ends the graceful part, as the host's shutdown timeout does: calls still running then fail.</param>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_down)
            return;
        _down = true;
        await _host.StopAsync(cancellationToken);
        await DisposeHostAsync();
    }

    /// <summary>Stops as a crash would: no deactivation, no flush; calls in flight fail.</summary>
    public async Task KillAsync()
    {
        if (_down)
            return;
        _down = true;
        Silo.Kill();
        await DisposeHostAsync();
    }

    /// <summary>Starts a new silo with the same configuration (and so the same storage) after this one is down.</summary>
    public async Task<TestSilo> RestartAsync(IDictionary<string, string?>? configuration = null)
    {
        await StopAsync();
        return await StartAsync(_configure, _time, configuration);
    }

    async Task DisposeHostAsync()
    {
        if (_host is IAsyncDisposable asyncDisposable)
            await asyncDisposable.DisposeAsync();
        else
            _host.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_down)
            await StopAsync();
    }
}

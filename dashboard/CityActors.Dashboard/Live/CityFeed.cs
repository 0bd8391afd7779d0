using CityActors.Grains.Aggregation;
using CityActors.Grains.Directory;
using CityActors.Grains.Kinds;
using CityActors.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CityActors.Dashboard.Live;

/// <summary>
/// The dashboard's one subscription to the city's aggregate: it keeps the live rollup up to date from the deltas and
/// tells every open page that something changed, so a hundred pages cost the aggregate one observer.
/// </summary>
public sealed partial class CityFeed(IGrainFactory grains, DashboardOptions options, TimeProvider time, ILogger<CityFeed> logger)
    : BackgroundService, ICityObserver
{
    /// <summary>How often the subscription is renewed; the aggregate lets it lapse after five minutes.</summary>
    static readonly TimeSpan Renewal = TimeSpan.FromMinutes(1);

    readonly Lock _lock = new();
    readonly LiveCity _city = new();
    ICityObserver? _self;

    /// <summary>Raised after each delta is applied, on the observer's thread: handlers must only schedule work.</summary>
    public event Action? Changed;

    public IReadOnlyList<FacilityKind> Kinds { get; private set; } = [];

    /// <summary>Reads the live city under the feed's lock; <paramref name="read"/> must copy what it keeps.</summary>
    public T Read<T>(Func<LiveCity, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_lock)
            return read(_city);
    }

    public Task OnCityDeltaAsync(CityDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        lock (_lock)
            _city.Apply(delta, time.GetUtcNow());
        Changed?.Invoke();
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var city = grains.GetGrain<ICityAggregateGrain>(options.City);
        _self = grains.CreateObjectReference<ICityObserver>(this);
        using var timer = new PeriodicTimer(Renewal, time);
        do
        {
            try
            {
                await city.SubscribeAsync(_self);
                if (!Read(c => c.Loaded))
                {
                    Kinds = await grains.GetGrain<IKindRegistryGrain>(options.City).GetKindsAsync();
                    var rollup = await city.GetRollupAsync();
                    var alarms = await grains.GetGrain<IFacilityDirectoryGrain>(options.City).ListAlarmsAsync(new AlarmQuery(Limit: LiveCity.AlarmCapacity));
                    lock (_lock)
                    {
                        _city.Load(rollup);
                        _city.LoadAlarms(alarms.Items);
                    }
                    Changed?.Invoke();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSubscribeFailed(logger, e, options.City);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_self is not null)
        {
            try
            {
                await grains.GetGrain<ICityAggregateGrain>(options.City).UnsubscribeAsync(_self);
            }
            catch (Exception e)
            {
                LogSubscribeFailed(logger, e, options.City);
            }
        }
        await base.StopAsync(cancellationToken);
    }

    static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The dashboard could not subscribe to city {City}; it tries again in a minute")]
    static partial void LogSubscribeFailed(ILogger logger, Exception exception, string city);
}

using System.Globalization;
using CityActors.Benchmarks.Storage;
using CityActors.Grains;
using CityActors.Grains.Aggregation;
using CityActors.Grains.Facilities;
using CityActors.Runtime.Storage;
using CityActors.Runtime.Testing;

namespace CityActors.Benchmarks.City;

/// <summary>A city of boiler houses for the city scenarios: registered through <see cref="IFacilityGrain"/>, updated by status changes.</summary>
/// <remarks>
/// Boiler houses switch between <c>operating</c> and <c>standby</c>: both available and without alarm rules, so every
/// update is exactly one journaled event that moves the facility's footprint (a cell of the kind × status rollup), and
/// the aggregate sends it in a delta. Updates carry no readings and a fresh idempotency key each.
/// </remarks>
internal sealed class BenchmarkCity
{
    public const string Kind = "boiler-house";
    const string Source = "urn:cityactors:benchmark";
    static readonly IReadOnlyDictionary<string, double> s_noReadings = new Dictionary<string, double>();

    readonly int[] _visits;

    BenchmarkCity(TestSilo silo, int size)
    {
        Silo = silo;
        Facilities = new IFacilityGrain[size];
        Keys = new string[size];
        _visits = new int[size];
        for (var i = 0; i < size; i++)
        {
            Keys[i] = string.Create(CultureInfo.InvariantCulture, $"boiler-{i:000000}");
            Facilities[i] = silo.GrainFactory.GetGrain<IFacilityGrain>(Keys[i]);
        }
    }

    public TestSilo Silo { get; }
    public IFacilityGrain[] Facilities { get; }
    public string[] Keys { get; }
    public int Size => Facilities.Length;

    public ICityAggregateGrain Aggregate => Silo.GrainFactory.GetGrain<ICityAggregateGrain>("zhytomyr");

    /// <summary>The largest position the store has made durable.</summary>
    public long HighWaterMark => ((GrainStorage)Silo.Services.GetService(typeof(GrainStorage))!).HighWaterMark;

    public static async Task<BenchmarkCity> StartAsync(BenchmarkStore store, int size)
    {
        var silo = await TestSilo.StartAsync(s =>
        {
            s.AddGrains(typeof(FacilityGrain).Assembly);
            store.Configure(s);
        });
        return new BenchmarkCity(silo, size);
    }

    /// <summary>Registers every facility, <paramref name="inFlight"/> at a time; they alternate between the two districts.</summary>
    public Task RegisterAllAsync(int inFlight = 1_000) => ForAllAsync(inFlight, i => Facilities[i].RegisterAsync(
        new FacilityRegistration(Kind, $"Котельня РК-{i}", "вул. Київська, 1", i % 2 == 0 ? "Богунський" : "Корольовський", "utilities",
            new GeoPoint(50.25, 28.66), LocationPublic: true),
        new ChangeContext(Source, $"register-{i}")));

    public Task ForAllAsync(int inFlight, Func<int, Task> call) => Parallel.ForEachAsync(Enumerable.Range(0, Size),
        new ParallelOptions { MaxDegreeOfParallelism = inFlight }, async (i, _) => await call(i));

    /// <summary>The next update of facility <paramref name="index"/>: the other status, observed now, with a new key.</summary>
    /// <remarks>Callers must not send two updates of one facility at once, or they may arrive in the other order.</remarks>
    public StatusUpdate NextUpdate(int index, DateTimeOffset observedAt)
    {
        var visit = ++_visits[index];
        return new StatusUpdate(visit % 2 == 1 ? "standby" : "operating", s_noReadings, observedAt, Source,
            string.Create(CultureInfo.InvariantCulture, $"{index}-{visit}"));
    }

    /// <summary>Waits until the aggregate has counted every durable event; returns how long that took.</summary>
    public async Task<TimeSpan> WaitForAggregateAsync(TimeSpan timeout)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var target = HighWaterMark;
        while ((await Aggregate.GetRollupAsync()).Sequence < target)
        {
            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > timeout)
                throw new TimeoutException($"The aggregate did not count up to position {target} within {timeout}.");
            await Task.Delay(10);
        }
        return System.Diagnostics.Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Checks that the aggregate counts every facility once: the rollup's boiler houses sum to the city's size.</summary>
    public async Task AssertCountedAsync()
    {
        var rollup = await Aggregate.GetRollupAsync();
        var counted = rollup.KindStatus.Where(c => c.Kind == Kind).Sum(c => c.Count);
        if (counted != Size)
            throw new InvalidOperationException($"The aggregate counts {counted} boiler houses, the city has {Size}.");
    }
}

using CityActors.Runtime.Hosting;
using CityActors.Runtime.Storage;
using CityActors.Runtime.Testing;
using CityActors.Runtime.Tests.Support;
using CityActors.Runtime.Tests.TestGrains;

namespace CityActors.Runtime.Tests.Persistence;

/// <summary>What grains may rely on from storage, run against every backend.</summary>
public abstract class PersistenceContract : IAsyncLifetime
{
    TestSilo _silo = null!;

    /// <summary>Points the silo at this contract's storage; called again for every restart, so it must reach the same data.</summary>
    protected abstract void UseStorage(SiloBuilder silo);

    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    void Configure(SiloBuilder silo)
    {
        silo.AddGrains(typeof(CounterGrain).Assembly);
        UseStorage(silo);
    }

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync(Configure);

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await CleanUpAsync();
    }

    IGrainFactory Grains => _silo.GrainFactory;

    [Fact]
    public async Task WriteStateAsync_ThenRestart_StateIsThere()
    {
        var counter = Grains.GetGrain<ICounterGrain>("школа №1");
        await counter.AddAsync(5, "перше");
        await counter.AddAsync(7, "друге");

        _silo = await _silo.RestartAsync();
        var state = await _silo.GrainFactory.GetGrain<ICounterGrain>("школа №1").GetAsync();

        Assert.Equal(12, state.Total);
        Assert.Equal(["перше", "друге"], state.Notes);
    }

    [Fact]
    public async Task WriteStateAsync_ThenDeactivate_NextActivationReadsIt()
    {
        var counter = Grains.GetGrain<ICounterGrain>("deactivated");
        await counter.AddAsync(3, "a");
        var etag = await counter.GetEtagAsync();

        await counter.DeactivateAsync();
        await Task.Delay(100);
        var state = await counter.GetAsync();

        Assert.Equal(3, state.Total);
        Assert.Equal(etag, await counter.GetEtagAsync());
    }

    [Fact]
    public async Task WriteStateAsync_StoredVersionChangedBehindTheGrain_ThrowsInconsistentStateAndNextCallReadsFresh()
    {
        var counter = Grains.GetGrain<ICounterGrain>("contested");
        await counter.AddAsync(1, "mine");
        var storage = (GrainStorage)_silo.Services.GetService(typeof(GrainStorage))!;
        var serializer = storage.Serializer;
        var etag = await counter.GetEtagAsync();
        await storage.CommitAsync(new WriteStateOperation(new GrainId("counter", "contested"), "counter", etag,
            serializer.Serialize(new CounterState { Total = 100, Notes = ["theirs"] })));

        await Assert.ThrowsAsync<InconsistentStateException>(() => counter.AddAsync(1, "stale"));
        await Task.Delay(100);
        var state = await counter.GetAsync();

        Assert.Equal(100, state.Total);
        Assert.Equal(["theirs"], state.Notes);
    }

    [Fact]
    public async Task ClearStateAsync_ThenRestart_StateIsGone()
    {
        var counter = Grains.GetGrain<ICounterGrain>("cleared");
        await counter.AddAsync(9, "x");
        await counter.ClearAsync();

        _silo = await _silo.RestartAsync();

        Assert.Equal(0, (await _silo.GrainFactory.GetGrain<ICounterGrain>("cleared").GetAsync()).Total);
    }

    [Fact]
    public async Task GrainsOfDifferentTypesWithTheSameKey_DoNotShareState()
    {
        await Grains.GetGrain<ICounterGrain>("shared-key").AddAsync(4, "counter");
        await Grains.GetGrain<IAccountGrain>("shared-key").DepositAsync(10, "account");

        _silo = await _silo.RestartAsync();

        Assert.Equal(4, (await _silo.GrainFactory.GetGrain<ICounterGrain>("shared-key").GetAsync()).Total);
        Assert.Equal(10, (await _silo.GrainFactory.GetGrain<IAccountGrain>("shared-key").GetAsync()).Balance);
    }

    [Fact]
    public async Task Journal_ReplayAfterRestart_EqualsLiveState()
    {
        var account = Grains.GetGrain<IAccountGrain>("replay");
        for (var i = 1; i <= 12; i++)
            await account.DepositAsync(i, "teller");
        await account.WithdrawAsync(20, "teller");
        var live = await account.GetAsync();

        _silo = await _silo.RestartAsync();
        var restored = _silo.GrainFactory.GetGrain<IAccountGrain>("replay");

        Assert.Equal(live, await restored.GetAsync());
        Assert.Equal(live, await restored.ReplayAsync(long.MaxValue));
        Assert.Equal(13, await restored.GetVersionAsync());
        Assert.Equal(new AccountState { Balance = 6, Operations = 3 }, await restored.ReplayAsync(3));
    }

    [Fact]
    public async Task Journal_EventsReadableByVersionRangeAndByTime()
    {
        var account = Grains.GetGrain<IAccountGrain>("history");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await account.DepositAsync(10, "a");
        await account.DepositAsync(20, "b");
        await account.WithdrawAsync(5, "c");

        var middle = await account.EventsAsync(1, 2);
        var all = await account.HistoryAsync(before, DateTimeOffset.UtcNow.AddSeconds(1));
        var none = await account.HistoryAsync(before.AddDays(-2), before.AddDays(-1));

        Assert.Equal([new Deposited(20, "b")], middle);
        Assert.Equal([1L, 2L, 3L], all.Select(e => e.Version));
        Assert.Equal(new Withdrawn(5, "c"), all[2].Event);
        Assert.True(all[0].Position < all[1].Position);
        Assert.Empty(none);
    }

    [Fact]
    public async Task Journal_CallFailsBeforeConfirming_NothingSticks()
    {
        var account = Grains.GetGrain<IAccountGrain>("failing");
        await account.DepositAsync(10, "a");

        await Assert.ThrowsAsync<InvalidOperationException>(() => account.DepositThenFailAsync(1000));

        Assert.Equal(10, (await account.GetAsync()).Balance);
    }

    [Fact]
    public async Task Journal_ConfirmEvents_KeepsTheTentativeStateAsTheConfirmedOne()
    {
        var account = Grains.GetGrain<IAccountGrain>("kept");
        await account.DepositAsync(10, "a");

        var kept = await account.DepositAndCompareStatesAsync(5);

        Assert.True(kept);
        Assert.Equal(new AccountState { Balance = 15, Operations = 2 }, await account.GetAsync());
        Assert.Equal(15, (await account.ReplayAsync(2)).Balance);
    }

    [Fact]
    public async Task KillDuringWriteBurst_ThenRestart_EveryAcknowledgedWriteIsThere()
    {
        const int accounts = 40;
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<(string Key, long Amount)>();
        var burst = Enumerable.Range(0, accounts).Select(async g =>
        {
            var account = Grains.GetGrain<IAccountGrain>($"burst-{g}");
            for (var i = 1; i <= 1000; i++)
            {
                try
                {
                    await account.DepositAsync(i, "burst");
                    acknowledged.Add(($"burst-{g}", i));
                }
                catch (Exception)
                {
                    return;
                }
            }
        }).ToArray();
        await Eventually.TrueAsync(() => acknowledged.Count > 2000, "some writes acknowledged");

        await _silo.KillAsync();
        await Task.WhenAll(burst);
        _silo = await TestSilo.StartAsync(Configure);

        for (var g = 0; g < accounts; g++)
        {
            var key = $"burst-{g}";
            var account = _silo.GrainFactory.GetGrain<IAccountGrain>(key);
            var stored = (await account.EventsAsync(0, long.MaxValue)).Cast<Deposited>().Select(d => d.Amount).ToList();
            var state = await account.GetAsync();
            // Each account deposits 1, 2, 3, … one at a time: the journal holds exactly the acknowledged deposits, in
            // order, plus at most the one that was in flight at the kill (durable, but nobody was told).
            var expected = acknowledged.Where(a => a.Key == key).Select(a => a.Amount).Order().ToList();
            var inFlight = expected.Count + 1L;
            Assert.True(stored.SequenceEqual(expected) || stored.SequenceEqual([.. expected, inFlight]),
                $"{key}: {expected.Count} deposits acknowledged, {stored.Count} in the journal, acknowledged but missing [{string.Join(", ", expected.Except(stored))}]");
            Assert.Equal((stored.Sum(), stored.Count), (state.Balance, state.Operations));
        }
    }

    [Fact]
    public async Task BatchCommittedButItsAnswerLost_LaterBatchesCommitAndConsumersGetItsEvents()
    {
        FaultyBackend faulty = null!;
        await _silo.StopAsync();
        _silo = await TestSilo.StartAsync(silo =>
        {
            Configure(silo);
            silo.UseFaultyStorage(created => faulty = created);
        });
        var account = Grains.GetGrain<IAccountGrain>("answer-lost");
        await account.DepositAsync(5, "a");

        faulty.LoseTheAnswerTo(o => o is AppendEventsOperation { GrainId.Key: "answer-lost" });
        await Assert.ThrowsAsync<StorageUnavailableException>(() => account.DepositAsync(7, "b"));
        var later = new List<long>();
        for (var i = 1; i <= 3; i++)
            later.Add(await Grains.GetGrain<IAccountGrain>($"after-{i}").DepositAsync(10 * i, "c"));
        // The deposit whose answer was lost is in the journal; the activation that missed it meets a conflict and reads it.
        await Assert.ThrowsAsync<InconsistentStateException>(() => account.DepositAsync(1, "d"));
        await Task.Delay(100);

        Assert.Equal([10L, 20L, 30L], later);
        Assert.Equal(12, (await account.GetAsync()).Balance);
        await Eventually.TrueAsync(async () => (await Grains.GetGrain<ILedgerGrain>("bank").GetAsync()).Balance == 5 + 7 + 60, "the ledger counts what the journal holds");
    }

    [Fact]
    public async Task ConfirmEvents_SnapshotWriteRefused_CallSucceedsAndEventsSurviveReactivation()
    {
        FaultyBackend faulty = null!;
        await _silo.StopAsync();
        _silo = await TestSilo.StartAsync(silo =>
        {
            Configure(silo);
            silo.UseFaultyStorage(created => faulty = created);
        });
        var id = new GrainId("account", "snapshot-refused");
        faulty.Refuse = o => o is WriteStateOperation { StateName: "journal" } write && write.GrainId == id;
        var account = Grains.GetGrain<IAccountGrain>(id.Key);

        var balances = new List<long>();
        for (var i = 1; i <= 7; i++)
            balances.Add(await account.DepositAsync(i, "каса"));
        var snapshotWhileRefused = await faulty.ReadStateAsync(id, "journal", CancellationToken.None);
        await account.DeactivateAsync();
        await Task.Delay(100);
        var reactivated = await account.GetAsync();
        var events = await account.EventsAsync(0, long.MaxValue);
        faulty.Refuse = null;
        await account.DepositAsync(8, "каса");
        var snapshotAfter = await faulty.ReadStateAsync(id, "journal", CancellationToken.None);

        Assert.Equal([1L, 3, 6, 10, 15, 21, 28], balances);
        Assert.Null(snapshotWhileRefused);
        Assert.Equal(new AccountState { Balance = 28, Operations = 7 }, reactivated);
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7], events.Cast<Deposited>().Select(d => d.Amount));
        Assert.NotNull(snapshotAfter);
    }

    [Fact]
    public async Task ImplicitStreamConsumer_KilledAndRestarted_CatchesUpWithoutLossOrDuplicates()
    {
        long expected = 0;
        for (var i = 1; i <= 30; i++)
        {
            await Grains.GetGrain<IAccountGrain>($"stream-{i % 3}").DepositAsync(i, "s");
            expected += i;
        }
        await Eventually.TrueAsync(async () => (await Grains.GetGrain<ILedgerGrain>("bank").GetAsync()).Balance == expected, "live delivery");

        var burst = Enumerable.Range(0, 3).Select(async g =>
        {
            var acknowledged = 0L;
            for (var i = 1; i <= 200; i++)
            {
                try
                {
                    await Grains.GetGrain<IAccountGrain>($"stream-{g}").DepositAsync(1, "burst");
                    acknowledged++;
                }
                catch (Exception)
                {
                    break;
                }
            }
            return acknowledged;
        }).ToArray();
        await Task.Delay(20);
        await _silo.KillAsync();
        await Task.WhenAll(burst);
        _silo = await TestSilo.StartAsync(Configure);

        var totals = await Task.WhenAll(Enumerable.Range(0, 3).Select(g => _silo.GrainFactory.GetGrain<IAccountGrain>($"stream-{g}").GetAsync()));
        var journalTotal = totals.Sum(t => t.Balance);
        var journalOperations = totals.Sum(t => t.Operations);
        await Eventually.TrueAsync(async () => (await _silo.GrainFactory.GetGrain<ILedgerGrain>("bank").GetAsync()).Balance == journalTotal, "catch-up after restart");
        var ledger = await _silo.GrainFactory.GetGrain<ILedgerGrain>("bank").GetAsync();
        Assert.Equal(journalOperations, ledger.Counted);
        Assert.True(journalTotal >= expected + burst.Sum(b => b.Result));
    }

    [Fact]
    public async Task Reminder_DueWhileSiloWasDown_FiresAfterRestart()
    {
        var key = $"remind-{Guid.NewGuid():N}";
        await Grains.GetGrain<ILifecycleGrain>(key).RemindAsync("report", TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        await _silo.StopAsync();

        await Task.Delay(1500);
        _silo = await TestSilo.StartAsync(Configure);

        await Eventually.TrueAsync(() => LifecycleLog.For(key).Any(e => e.Contains(":reminder:report:", StringComparison.Ordinal)), "reminder after restart");
        await _silo.GrainFactory.GetGrain<ILifecycleGrain>(key).ForgetAsync("report");
    }
}

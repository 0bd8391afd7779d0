using System.Collections.Concurrent;
using CityActors.Runtime.Streams;
using CityActors.Runtime.Testing;
using CityActors.Runtime.Tests.Support;
using CityActors.Runtime.Tests.TestGrains;
using Microsoft.Extensions.DependencyInjection;

namespace CityActors.Runtime.Tests.Runtime;

public sealed class StreamTests : IAsyncLifetime
{
    TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync(s => s.AddGrains(typeof(TurnGrain).Assembly).AddStreams("Default"));

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    IStreamProvider Streams => _silo.Services.GetRequiredKeyedService<IStreamProvider>("Default");

    [Fact]
    public async Task ExplicitSubscription_ReceivesItemsPublishedAfterIt_InOrderWithTokens()
    {
        var stream = Streams.GetStream<string>(new StreamId("alerts", "zhytomyr"));
        var received = new ConcurrentQueue<(string Item, long Position)>();
        var handle = await stream.SubscribeAsync((item, token) =>
        {
            received.Enqueue((item, token!.SequenceNumber));
            return Task.CompletedTask;
        });

        foreach (var alert in new[] { "повітряна тривога", "відбій", "тривога" })
            await stream.OnNextAsync(alert);

        await Eventually.TrueAsync(() => received.Count == 3, "three items");
        Assert.Equal(["повітряна тривога", "відбій", "тривога"], received.Select(r => r.Item));
        Assert.True(received.Select(r => r.Position).SequenceEqual(received.Select(r => r.Position).Order()));
        await handle.UnsubscribeAsync();
    }

    [Fact]
    public async Task Unsubscribe_StopsDelivery()
    {
        var stream = Streams.GetStream<string>(new StreamId("alerts", "unsubscribed"));
        var received = new ConcurrentQueue<string>();
        var handle = await stream.SubscribeAsync((item, _) =>
        {
            received.Enqueue(item);
            return Task.CompletedTask;
        });
        await stream.OnNextAsync("first");
        await Eventually.TrueAsync(() => received.Count == 1, "first item");

        await handle.UnsubscribeAsync();
        await stream.OnNextAsync("second");
        await Task.Delay(100);

        Assert.Equal(["first"], received);
    }

    [Fact]
    public async Task OnNextBatchAsync_ReachesImplicitConsumerOnce()
    {
        var stream = Streams.GetStream<AccountEvent>(new StreamId("accounts", "batch-bank"));

        await stream.OnNextBatchAsync([new Deposited(5, "a"), new Deposited(7, "b"), new Withdrawn(2, "c")]);

        var ledger = _silo.GrainFactory.GetGrain<ILedgerGrain>("batch-bank");
        await Eventually.TrueAsync(async () => (await ledger.GetAsync()).Counted == 3, "three items counted");
        Assert.Equal(10, (await ledger.GetAsync()).Balance);
    }
}

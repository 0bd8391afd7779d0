using CityActors.Runtime.Storage;
using CityActors.Runtime.Streams;

namespace CityActors.Runtime.Tests.TestGrains;

public sealed record CounterState
{
    public long Total { get; init; }
    public List<string> Notes { get; init; } = [];
}

public interface ICounterGrain : IGrainWithStringKey
{
    Task<long> AddAsync(long amount, string note);

    Task<CounterState> GetAsync();

    Task<string?> GetEtagAsync();

    Task ClearAsync();

    Task DeactivateAsync();
}

public sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> state) : Grain, ICounterGrain
{
    public async Task<long> AddAsync(long amount, string note)
    {
        state.State = state.State with { Total = state.State.Total + amount, Notes = [.. state.State.Notes, note] };
        await state.WriteStateAsync();
        return state.State.Total;
    }

    public Task<CounterState> GetAsync() => Task.FromResult(state.State);

    public Task<string?> GetEtagAsync() => Task.FromResult(state.Etag);

    public Task ClearAsync() => state.ClearStateAsync();

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

public abstract record AccountEvent;
public sealed record Deposited(long Amount, string By) : AccountEvent;
public sealed record Withdrawn(long Amount, string By) : AccountEvent;

public sealed record AccountState
{
    public long Balance { get; init; }
    public int Operations { get; init; }
}

public interface IAccountGrain : IGrainWithStringKey
{
    Task<long> DepositAsync(long amount, string by);

    Task<long> WithdrawAsync(long amount, string by);

    /// <summary>Raises the events, then fails before confirming: nothing must stick.</summary>
    Task DepositThenFailAsync(long amount);

    /// <summary>Raises a deposit and confirms it; true when the state after confirming is the tentative state itself.</summary>
    Task<bool> DepositAndCompareStatesAsync(long amount);

    Task<AccountState> GetAsync();

    Task<long> GetVersionAsync();

    Task<AccountState> ReplayAsync(long version);

    Task<IReadOnlyList<JournalEntry<AccountEvent>>> HistoryAsync(DateTimeOffset from, DateTimeOffset to);

    Task<IReadOnlyList<AccountEvent>> EventsAsync(long fromVersion, long toVersion);

    Task DeactivateAsync();
}

public sealed class AccountGrain : JournaledGrain<AccountState, AccountEvent>, IAccountGrain
{
    protected override int SnapshotInterval => 5;

    protected override StreamId? JournalStream => new StreamId("accounts", "bank");

    protected override AccountState TransitionState(AccountState state, AccountEvent @event) => @event switch
    {
        Deposited d => state with { Balance = state.Balance + d.Amount, Operations = state.Operations + 1 },
        Withdrawn w => state with { Balance = state.Balance - w.Amount, Operations = state.Operations + 1 },
        _ => state,
    };

    public async Task<long> DepositAsync(long amount, string by)
    {
        RaiseEvent(new Deposited(amount, by));
        await ConfirmEvents();
        return State.Balance;
    }

    public async Task<long> WithdrawAsync(long amount, string by)
    {
        if (amount > State.Balance)
            throw new InvalidOperationException("insufficient funds");
        RaiseEvent(new Withdrawn(amount, by));
        await ConfirmEvents();
        return State.Balance;
    }

    public Task DepositThenFailAsync(long amount)
    {
        RaiseEvent(new Deposited(amount, "nobody"));
        throw new InvalidOperationException("failed before confirming");
    }

    public async Task<bool> DepositAndCompareStatesAsync(long amount)
    {
        RaiseEvent(new Deposited(amount, "kept"));
        var tentative = State;
        await ConfirmEvents();
        return ReferenceEquals(tentative, State) && ReferenceEquals(tentative, ConfirmedState);
    }

    public Task<AccountState> GetAsync() => Task.FromResult(State);

    public Task<long> GetVersionAsync() => Task.FromResult(Version);

    public Task<AccountState> ReplayAsync(long version) => ReplayStateAsync(version);

    public Task<IReadOnlyList<JournalEntry<AccountEvent>>> HistoryAsync(DateTimeOffset from, DateTimeOffset to) => RetrieveJournalByTimeAsync(from, to);

    public Task<IReadOnlyList<AccountEvent>> EventsAsync(long fromVersion, long toVersion) => RetrieveConfirmedEvents(fromVersion, toVersion);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

public sealed record LedgerState
{
    public long Balance { get; init; }
    public long Checkpoint { get; init; }
    public long Counted { get; init; }
}

public interface ILedgerGrain : IGrainWithStringKey
{
    Task<LedgerState> GetAsync();
}

/// <summary>Consumes the accounts stream and keeps a total; skips what it has counted (by token).</summary>
[ImplicitStreamSubscription("accounts")]
public sealed class LedgerGrain([PersistentState("ledger")] IPersistentState<LedgerState> state) : Grain, ILedgerGrain, IAsyncBatchObserver<AccountEvent>
{
    public async Task OnNextAsync(IList<SequentialItem<AccountEvent>> items)
    {
        var current = state.State;
        foreach (var (item, token) in items)
        {
            if (token.SequenceNumber <= current.Checkpoint)
                continue;
            var delta = item switch
            {
                Deposited d => d.Amount,
                Withdrawn w => -w.Amount,
                _ => 0,
            };
            current = current with { Balance = current.Balance + delta, Checkpoint = token.SequenceNumber, Counted = current.Counted + 1 };
        }
        if (current != state.State)
        {
            state.State = current;
            await state.WriteStateAsync();
        }
    }

    public Task<LedgerState> GetAsync() => Task.FromResult(state.State);
}

using CityActors.Runtime.Testing;

namespace CityActors.Grains.Tests.Support;

public static class ClockExtensions
{
    /// <summary>Advances the fake clock off the test's synchronization context.</summary>
    /// <remarks>
    /// Reminders fire from inside <see cref="ManualTimeProvider.Advance"/> and schedule their next tick in a continuation;
    /// on xunit's context that continuation would wait for the test thread, and a tick scheduled after its due time is skipped.
    /// </remarks>
    public static Task AdvanceAsync(this ManualTimeProvider clock, TimeSpan delta)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Task.Run(() => clock.Advance(delta));
    }
}

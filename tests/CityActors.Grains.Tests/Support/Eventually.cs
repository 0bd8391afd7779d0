namespace CityActors.Grains.Tests.Support;

/// <summary>Waits, in real time, for something that happens on other threads (stream delivery, reminders).</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, int timeoutMilliseconds = 15_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMilliseconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out waiting for: {what}");
            await Task.Delay(10);
        }
    }

    public static Task TrueAsync(Func<bool> condition, string what, int timeoutMilliseconds = 15_000)
        => TrueAsync(() => Task.FromResult(condition()), what, timeoutMilliseconds);
}

using CityActors.Grains.Facilities;

namespace CityActors.Grains.Tests.Facilities;

public sealed class KeyWindowTests
{
    static readonly DateTimeOffset s_t0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Add_UpToCapacity_KeepsEveryKeyAndStaysCompleteFromTheStart()
    {
        var window = new KeyWindow(s_t0);

        for (var i = 1; i <= KeyWindow.Capacity; i++)
            window.Add(i, s_t0.AddSeconds(i));

        Assert.All(Enumerable.Range(1, KeyWindow.Capacity), i => Assert.True(window.Contains(i)));
        Assert.Equal(s_t0, window.CompleteAfter);
    }

    [Fact]
    public void Add_PastCapacity_ForgetsTheOldestAndIsCompleteOnlyAfterItsTime()
    {
        var window = new KeyWindow(s_t0);

        for (var i = 1; i <= KeyWindow.Capacity + 2; i++)
            window.Add(i, s_t0.AddSeconds(i));

        Assert.False(window.Contains(1));
        Assert.False(window.Contains(2));
        Assert.True(window.Contains(3));
        Assert.Equal(s_t0.AddSeconds(2), window.CompleteAfter);
    }

    [Fact]
    public void Add_ALateKeyForgotten_CompleteAfterDoesNotMoveBack()
    {
        var window = new KeyWindow(s_t0);
        window.Add(100, s_t0.AddMinutes(10));
        for (var i = 1; i < KeyWindow.Capacity; i++)
            window.Add(i, s_t0.AddSeconds(i));

        window.Add(999, s_t0.AddSeconds(1));
        window.Add(998, s_t0.AddSeconds(2));

        Assert.Equal(s_t0.AddMinutes(10), window.CompleteAfter);
    }
}

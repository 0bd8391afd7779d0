namespace CityActors.Runtime.Diagnostics;

/// <summary>Samples the call counter once a second, so "calls per second" is a plain read.</summary>
internal sealed class CallRateSampler(RuntimeTelemetry telemetry, TimeProvider time) : IDisposable
{
    ITimer? _timer;
    long _lastCount;
    long _lastTimestamp;
    double _rate;

    public double CallsPerSecond => Volatile.Read(ref _rate);

    public void Start()
    {
        _lastCount = telemetry.TotalCalls;
        _lastTimestamp = time.GetTimestamp();
        _timer = time.CreateTimer(static s => ((CallRateSampler)s!).Sample(), this, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    void Sample()
    {
        var count = telemetry.TotalCalls;
        var now = time.GetTimestamp();
        var seconds = time.GetElapsedTime(_lastTimestamp, now).TotalSeconds;
        if (seconds > 0)
            Volatile.Write(ref _rate, (count - _lastCount) / seconds);
        _lastCount = count;
        _lastTimestamp = now;
    }

    public void Dispose() => _timer?.Dispose();
}

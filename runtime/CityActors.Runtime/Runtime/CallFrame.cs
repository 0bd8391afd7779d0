namespace CityActors.Runtime;

/// <summary>One call in progress in a chain of grain calls, linked to the call that made it.</summary>
internal sealed class CallFrame(GrainId grain, long requestId, CallFrame? caller)
{
    static readonly AsyncLocal<CallFrame?> s_current = new();

    public GrainId Grain { get; } = grain;
    public long RequestId { get; } = requestId;
    public CallFrame? Caller { get; } = caller;

    /// <summary>The call the current code runs in, if it runs inside a grain.</summary>
    public static CallFrame? Current
    {
        get => s_current.Value;
        set => s_current.Value = value;
    }

    public bool Contains(long requestId)
    {
        for (var frame = this; frame is not null; frame = frame.Caller)
        {
            if (frame.RequestId == requestId)
                return true;
        }
        return false;
    }

    /// <summary>The grains from the outermost call to this one.</summary>
    public List<GrainId> ToChain()
    {
        var chain = new List<GrainId>();
        for (var frame = this; frame is not null; frame = frame.Caller)
            chain.Add(frame.Grain);
        chain.Reverse();
        return chain;
    }
}

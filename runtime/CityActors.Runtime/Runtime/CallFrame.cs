namespace CityActors.Runtime;

/// <summary>One call in progress in a chain of grain calls, linked to the call that made it.</summary>
/// <remarks>Every <see cref="Request"/> is its own frame, so following a chain allocates nothing.</remarks>
internal abstract class CallFrame(GrainId grain, CallFrame? caller)
{
    static readonly AsyncLocal<CallFrame?> s_current = new();

    public GrainId Grain { get; } = grain;
    public CallFrame? Caller { get; } = caller;

    /// <summary>The call the current code runs in, if it runs inside a grain.</summary>
    public static CallFrame? Current
    {
        get => s_current.Value;
        set => s_current.Value = value;
    }

    /// <summary>Whether <paramref name="frame"/> is this call or one of the calls waiting on it.</summary>
    public bool Contains(CallFrame frame)
    {
        for (var current = this; current is not null; current = current.Caller)
        {
            if (ReferenceEquals(current, frame))
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

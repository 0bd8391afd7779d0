using System.Reflection;

namespace CityActors.Runtime;

/// <summary>What a grain call filter sees of a call and how it passes the call on.</summary>
public interface IGrainCallContext
{
    /// <summary>The grain being called.</summary>
    GrainId TargetId { get; }

    /// <summary>The grain interface method being called.</summary>
    MethodInfo InterfaceMethod { get; }

    /// <summary>The call's arguments; a filter may replace them before <see cref="Invoke"/>.</summary>
    object?[] Arguments { get; }

    /// <summary>The call's result after <see cref="Invoke"/>; a filter may replace it.</summary>
    object? Result { get; set; }

    /// <summary>Passes the call to the next filter, and after the last, to the grain.</summary>
    Task Invoke();
}

/// <summary>A call arriving at a grain, seen by incoming filters.</summary>
public interface IIncomingGrainCallContext : IGrainCallContext
{
    /// <summary>The grain instance the call runs on.</summary>
    object Grain { get; }
}

/// <summary>A call leaving a caller, seen by outgoing filters.</summary>
public interface IOutgoingGrainCallContext : IGrainCallContext;

/// <summary>Runs around every call a grain receives, inside the grain's turn.</summary>
public interface IIncomingGrainCallFilter
{
    Task Invoke(IIncomingGrainCallContext context);
}

/// <summary>Runs around every grain call this silo makes, on the caller's side.</summary>
public interface IOutgoingGrainCallFilter
{
    Task Invoke(IOutgoingGrainCallContext context);
}

/// <summary>One pass of a call through the filter chain.</summary>
internal sealed class GrainCallContext : IIncomingGrainCallContext, IOutgoingGrainCallContext
{
    readonly IIncomingGrainCallFilter[]? _incoming;
    readonly IOutgoingGrainCallFilter[]? _outgoing;
    readonly Func<object?[], Task<object?>> _terminal;
    int _next;

    GrainCallContext(GrainId target, MethodInfo method, object?[] arguments, object? grain,
        IIncomingGrainCallFilter[]? incoming, IOutgoingGrainCallFilter[]? outgoing, Func<object?[], Task<object?>> terminal)
    {
        TargetId = target;
        InterfaceMethod = method;
        Arguments = arguments;
        Grain = grain!;
        _incoming = incoming;
        _outgoing = outgoing;
        _terminal = terminal;
    }

    public GrainId TargetId { get; }
    public MethodInfo InterfaceMethod { get; }
    public object?[] Arguments { get; }
    public object? Result { get; set; }
    public object Grain { get; }

    public async Task Invoke()
    {
        var index = _next++;
        if (_incoming is not null && index < _incoming.Length)
            await _incoming[index].Invoke(this);
        else if (_outgoing is not null && index < _outgoing.Length)
            await _outgoing[index].Invoke(this);
        else
            Result = await _terminal(Arguments);
    }

    public static async Task<object?> InvokeIncomingAsync(IIncomingGrainCallFilter[] filters, Grain grain, Request request, Func<object, object?[], Task<object?>> invoke)
    {
        var context = new GrainCallContext(request.Target, request.Method!.InterfaceMethod, request.Arguments, grain, filters, null, a => invoke(grain, a));
        await context.Invoke();
        return context.Result;
    }

    public static async Task<object?> InvokeOutgoingAsync(IOutgoingGrainCallFilter[] filters, GrainId target, MethodDescriptor method, object?[] arguments, Func<GrainId, object?[], Task<object?>> send)
    {
        var context = new GrainCallContext(target, method.InterfaceMethod, arguments, null, null, filters, a => send(target, a));
        await context.Invoke();
        return context.Result;
    }
}

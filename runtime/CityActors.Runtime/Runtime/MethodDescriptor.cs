using System.Linq.Expressions;
using System.Reflection;

namespace CityActors.Runtime;

/// <summary>What the runtime knows of one grain interface method: how to call it and how it may interleave.</summary>
internal abstract class MethodDescriptor(MethodInfo method)
{
    public MethodInfo InterfaceMethod { get; } = method;
    public string Name { get; } = $"{method.DeclaringType!.Name}.{method.Name}";
    public bool AlwaysInterleave { get; } = method.IsDefined(typeof(AlwaysInterleaveAttribute), inherit: true);
    public bool ReadOnly { get; } = method.IsDefined(typeof(ReadOnlyAttribute), inherit: true);

    /// <summary>Makes the request for a call with these arguments.</summary>
    public abstract Request CreateRequest(GrainId target, object?[] arguments, CallFrame? caller, long deadline);

    /// <summary>What the proxy returns to the caller: the request's task in the method's own return type.</summary>
    public abstract object ToReturnValue(Request request);

    /// <summary>The same as <see cref="ToReturnValue(Request)"/> for a call answered by a task of the boxed result.</summary>
    public abstract object ToReturnValue(Task<object?> result);

    public static MethodDescriptor Create(MethodInfo method)
    {
        var returnType = method.ReturnType;
        Type resultType;
        ReturnKind kind;
        if (returnType == typeof(Task)) (resultType, kind) = (typeof(object), ReturnKind.Task);
        else if (returnType == typeof(ValueTask)) (resultType, kind) = (typeof(object), ReturnKind.ValueTask);
        else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>)) (resultType, kind) = (returnType.GetGenericArguments()[0], ReturnKind.TaskOfT);
        else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>)) (resultType, kind) = (returnType.GetGenericArguments()[0], ReturnKind.ValueTaskOfT);
        else
            throw new InvalidOperationException($"{method.DeclaringType!.Name}.{method.Name} returns {returnType.Name}; grain methods return Task, Task<T>, ValueTask or ValueTask<T>.");

        var descriptorType = typeof(MethodDescriptor<>).MakeGenericType(resultType);
        return (MethodDescriptor)Activator.CreateInstance(descriptorType, method, kind)!;
    }
}

internal enum ReturnKind { Task, ValueTask, TaskOfT, ValueTaskOfT }

internal sealed class MethodDescriptor<T> : MethodDescriptor
{
    static readonly Task<T> s_completedDefault = Task.FromResult(default(T)!);

    readonly ReturnKind _kind;

    public MethodDescriptor(MethodInfo method, ReturnKind kind) : base(method)
    {
        _kind = kind;
        Invoke = Compile(method, kind);
    }

    /// <summary>Calls the method on a grain and returns its outcome as a <c>Task&lt;T&gt;</c>.</summary>
    public Func<object, object?[], Task<T>> Invoke { get; }

    public override Request CreateRequest(GrainId target, object?[] arguments, CallFrame? caller, long deadline)
        => new Request<T>(target, this, Invoke, arguments, caller, AlwaysInterleave, ReadOnly, deadline);

    public override object ToReturnValue(Request request) => Convert(((Request<T>)request).Task);

    public override object ToReturnValue(Task<object?> result) => Convert(CastAsync(result));

    static async Task<T> CastAsync(Task<object?> result) => (T)(await result)!;

    object Convert(Task<T> task) => _kind switch
    {
        ReturnKind.TaskOfT or ReturnKind.Task => task,
        ReturnKind.ValueTaskOfT => new ValueTask<T>(task),
        _ => new ValueTask(task),
    };

    static Func<object, object?[], Task<T>> Compile(MethodInfo method, ReturnKind kind)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var parameters = method.GetParameters();
        var arguments = new Expression[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
            arguments[i] = Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), parameters[i].ParameterType);
        Expression call = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, arguments);
        call = kind switch
        {
            ReturnKind.TaskOfT => call,
            ReturnKind.ValueTaskOfT => Expression.Call(call, typeof(ValueTask<T>).GetMethod(nameof(ValueTask<T>.AsTask))!),
            ReturnKind.Task => Expression.Call(typeof(MethodDescriptor<T>).GetMethod(nameof(FromVoid), BindingFlags.NonPublic | BindingFlags.Static)!, call),
            _ => Expression.Call(typeof(MethodDescriptor<T>).GetMethod(nameof(FromVoid), BindingFlags.NonPublic | BindingFlags.Static)!,
                Expression.Call(call, typeof(ValueTask).GetMethod(nameof(ValueTask.AsTask))!)),
        };
        return Expression.Lambda<Func<object, object?[], Task<T>>>(call, grain, args).Compile();
    }

    static Task<T> FromVoid(Task task) => task.IsCompletedSuccessfully ? s_completedDefault : AwaitVoidAsync(task);

    static async Task<T> AwaitVoidAsync(Task task)
    {
        await task.ConfigureAwait(false);
        return default!;
    }
}

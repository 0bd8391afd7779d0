using System.Reflection;

namespace CityActors.Benchmarks.Harness;

/// <summary>A <see cref="DispatchProxy"/> that answers every call at once: what the proxy alone costs, as grain references use it.</summary>
public class CompletedProxy : DispatchProxy
{
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => Task.CompletedTask;
}

using System.Runtime.InteropServices;

namespace CityActors.Runtime.Diagnostics;

/// <summary>A counter that many threads bump at once without fighting over one cache line.</summary>
internal sealed class StripedCounter
{
    readonly Cell[] _cells = new Cell[Math.Max(2, Environment.ProcessorCount * 2)];

    public void Increment() => Interlocked.Increment(ref _cells[(uint)Environment.CurrentManagedThreadId % (uint)_cells.Length].Value);

    public long Sum()
    {
        long sum = 0;
        foreach (ref var cell in _cells.AsSpan())
            sum += Volatile.Read(ref cell.Value);
        return sum;
    }

    [StructLayout(LayoutKind.Explicit, Size = 64)]
    struct Cell
    {
        [FieldOffset(0)]
        public long Value;
    }
}

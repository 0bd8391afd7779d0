namespace CityActors.Runtime;

/// <summary>Runs queued asynchronous work one item at a time, in order, on the thread pool.</summary>
internal sealed class SerialQueue
{
    readonly Lock _lock = new();
    readonly Queue<Func<Task>> _items = new();
    bool _running;

    public void Enqueue(Func<Task> work)
    {
        lock (_lock)
        {
            _items.Enqueue(work);
            if (_running)
                return;
            _running = true;
        }
        _ = Task.Run(DrainAsync);
    }

    async Task DrainAsync()
    {
        while (true)
        {
            Func<Task> next;
            lock (_lock)
            {
                if (!_items.TryDequeue(out next!))
                {
                    _running = false;
                    return;
                }
            }
            await next();
        }
    }
}

namespace DemandMobility.Optimization.Search.Phases;

/// <summary>
/// The ejection pool (EP) of guided ejection search and the penalty counters that guide it (Nagata &amp; Bräysy 2009,
/// "A powerful route minimization heuristic for the vehicle routing problem with time windows", Operations Research
/// Letters 37(5), Section 2): the requests of the removed route and every request ejected since wait here, taken
/// last in, first out; each request's counter p[r] starts at 1 and grows each time it fails to be inserted, so that
/// ejections avoid the requests that proved hard to place.
/// </summary>
internal sealed class EjectionPool
{
    private readonly List<int> _stack = new();
    private readonly int[] _penalty;
    private readonly bool[] _inPool;

    public EjectionPool(int requestCount)
    {
        _penalty = new int[requestCount];
        _inPool = new bool[requestCount];
        Array.Fill(_penalty, 1);
    }

    /// <summary>Requests waiting to be inserted.</summary>
    public int Count => _stack.Count;

    /// <summary>Penalty counter p[r] per request (1 until the request first fails to be inserted).</summary>
    public ReadOnlySpan<int> Penalties => _penalty;

    /// <summary>Whether <paramref name="request"/> waits in the pool.</summary>
    public bool Contains(int request) => _inPool[request];

    /// <summary>Empties the pool and sets every counter back to 1 (a new route to remove).</summary>
    public void Reset()
    {
        foreach (int r in _stack) _inPool[r] = false;
        _stack.Clear();
        Array.Fill(_penalty, 1);
    }

    /// <summary>Puts a request on top (it is taken next).</summary>
    /// <exception cref="InvalidOperationException">The request is in the pool already.</exception>
    public void Push(int request)
    {
        if (_inPool[request]) throw new InvalidOperationException($"Request {request} is in the ejection pool already.");
        _inPool[request] = true;
        _stack.Add(request);
    }

    /// <summary>Puts a request at the bottom (taken after every other): one that could be placed nowhere, even by ejection.</summary>
    /// <exception cref="InvalidOperationException">The request is in the pool already.</exception>
    public void PushBottom(int request)
    {
        if (_inPool[request]) throw new InvalidOperationException($"Request {request} is in the ejection pool already.");
        _inPool[request] = true;
        _stack.Insert(0, request);
    }

    /// <summary>Takes the most recently pushed request.</summary>
    /// <exception cref="InvalidOperationException">The pool is empty.</exception>
    public int Pop()
    {
        if (_stack.Count == 0) throw new InvalidOperationException("The ejection pool is empty.");
        int r = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        _inPool[r] = false;
        return r;
    }

    /// <summary>Counts one more failed insertion of <paramref name="request"/> (p[r] ← p[r] + 1).</summary>
    public void Penalise(int request) => _penalty[request]++;
}

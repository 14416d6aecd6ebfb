namespace DemandMobility.Optimization.Search.LocalSearch;

/// <summary>
/// A reusable set of small integers (candidate cells of a granular move) cleared in O(1) by a new stamp.
/// </summary>
internal sealed class StampMarks
{
    private int[] _marks = new int[64];
    private int _stamp = 1;

    /// <summary>Empties the set and makes room for members 0..<paramref name="size"/> − 1.</summary>
    public void Reset(int size)
    {
        if (_marks.Length < size) _marks = new int[Math.Max(size, 2 * _marks.Length)];
        if (++_stamp == int.MaxValue)
        {
            Array.Clear(_marks);
            _stamp = 1;
        }
    }

    public void Add(int member) => _marks[member] = _stamp;

    public bool Contains(int member) => _marks[member] == _stamp;
}

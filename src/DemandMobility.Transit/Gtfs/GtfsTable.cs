using System.Globalization;

namespace DemandMobility.Transit.Gtfs;

/// <summary>
/// One GTFS file being read: maps column names to indices (unknown columns are ignored), checks required
/// columns and fields, and parses values from spans with errors that name file, line and field.
/// </summary>
internal sealed class GtfsTable : IDisposable
{
    private readonly CsvRecordReader _csv;
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);

    private GtfsTable(string file, CsvRecordReader csv)
    {
        File = file;
        _csv = csv;
    }

    /// <summary>The file name.</summary>
    public string File { get; }

    /// <summary>Line of the current record.</summary>
    public long Line => _csv.LineNumber;

    /// <summary>Opens a file of the feed and reads its header; null when the file is absent.</summary>
    public static GtfsTable? Open(GtfsSource source, string file)
    {
        var stream = source.OpenFile(file);
        if (stream is null) return null;
        var table = new GtfsTable(file, new CsvRecordReader(stream));
        try
        {
            if (!table.ReadRow()) throw new GtfsFormatException(file, 1, null, "the file is empty (no header line)");
            for (int i = 0; i < table._csv.FieldCount; i++)
                table._columns.TryAdd(table._csv[i].Trim().ToString(), i);
        }
        catch
        {
            table.Dispose();
            throw;
        }
        return table;
    }

    /// <summary>Opens a file that the feed must have.</summary>
    public static GtfsTable Require(GtfsSource source, string file) =>
        Open(source, file) ?? throw new GtfsFormatException(file, 0, null, "required file is missing from the feed");

    /// <summary>Column index of a field, or -1 when the file has no such column.</summary>
    public int Column(string name) => _columns.TryGetValue(name, out int i) ? i : -1;

    /// <summary>Column index of a field the file must have.</summary>
    public int RequireColumn(string name) =>
        _columns.TryGetValue(name, out int i) ? i : throw new GtfsFormatException(File, 1, name, "required column is missing from the header");

    /// <summary>Advances to the next record.</summary>
    public bool Read() => ReadRow();

    private bool ReadRow()
    {
        try
        {
            return _csv.Read();
        }
        catch (FormatException e)
        {
            throw new GtfsFormatException(File, _csv.LineNumber, null, e.Message);
        }
    }

    /// <summary>The raw field; empty for a missing column.</summary>
    public ReadOnlySpan<char> this[int column] => column < 0 ? default : _csv[column];

    /// <summary>A field that must not be empty.</summary>
    public ReadOnlySpan<char> Required(int column, string name)
    {
        var s = this[column];
        if (s.IsEmpty) throw Error(name, "required value is empty");
        return s;
    }

    /// <summary>A non-empty field as a string.</summary>
    public string RequiredString(int column, string name) => Required(column, name).ToString();

    /// <summary>An optional field as a string ("" when empty or absent).</summary>
    public string OptionalString(int column) => column < 0 ? "" : this[column].ToString();

    /// <summary>An integer field; <paramref name="fallback"/> when empty or absent.</summary>
    public int Int(int column, string name, int fallback)
    {
        var s = this[column];
        if (s.IsEmpty) return fallback;
        if (!int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v))
            throw Error(name, $"'{s}' is not an integer");
        return v;
    }

    /// <summary>A required integer field.</summary>
    public int RequiredInt(int column, string name)
    {
        Required(column, name);
        return Int(column, name, 0);
    }

    /// <summary>A decimal field; NaN when empty or absent.</summary>
    public double Double(int column, string name)
    {
        var s = this[column];
        if (s.IsEmpty) return double.NaN;
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw Error(name, $"'{s}' is not a number");
        return v;
    }

    /// <summary>A time HH:MM:SS (hours may exceed 23) in seconds; -1 when empty.</summary>
    public int Time(int column, string name)
    {
        var s = this[column];
        if (s.IsEmpty) return -1;
        return GtfsTime.TryParse(s, out int v) ? v : throw Error(name, $"'{s}' is not a time HH:MM:SS");
    }

    /// <summary>A required date YYYYMMDD as a day number (days since 0001-01-01).</summary>
    public int Date(int column, string name)
    {
        var s = Required(column, name);
        if (s.Length != 8 || !DateOnly.TryParseExact(s, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            throw Error(name, $"'{s}' is not a date YYYYMMDD");
        return d.DayNumber;
    }

    /// <summary>An error at the current record.</summary>
    public GtfsFormatException Error(string? field, string problem) => new(File, Line, field, problem);

    /// <inheritdoc />
    public void Dispose() => _csv.Dispose();
}

using System.Globalization;
using System.Text;

namespace DemandMobility.Optimization.Instances;

/// <summary>
/// Best-known solutions read from the CSV tables of <c>benchmarks/</c>: <c>darp/bks.csv</c>
/// (<c>set,instance,bks_cost,source</c>) and <c>pdptw/li-lim-100/bks.csv</c>
/// (<c>instance,vehicles,distance,source</c>). Columns are found by header name; empty cells mean no BKS.
/// </summary>
public sealed class BksTable
{
    private readonly Dictionary<string, BksEntry> _entries;

    private BksTable(Dictionary<string, BksEntry> entries) => _entries = entries;

    /// <summary>All entries by instance name.</summary>
    public IReadOnlyDictionary<string, BksEntry> Entries => _entries;

    /// <summary>The entry of an instance, or null when the table has none.</summary>
    public BksEntry? Find(string instance) => _entries.GetValueOrDefault(instance);

    /// <summary>Reads a BKS table; throws <see cref="InstanceFormatException"/> naming file and line when it is malformed.</summary>
    public static BksTable Read(string path)
    {
        using var reader = InstanceFile.Open(path);
        return Parse(reader, path);
    }

    /// <summary>Parses BKS CSV text; <paramref name="file"/> names the source in error messages.</summary>
    public static BksTable Parse(TextReader reader, string file)
    {
        string? headerText = reader.ReadLine();
        if (headerText is null) throw new InstanceFormatException(file, 0, "file is empty; expected a CSV header");
        var header = SplitCsv(headerText, file, 1);
        int instanceCol = header.IndexOf("instance");
        int costCol = header.IndexOf("bks_cost") is int c and >= 0 ? c : header.IndexOf("distance");
        int vehiclesCol = header.IndexOf("vehicles");
        int sourceCol = header.IndexOf("source");
        if (instanceCol < 0 || costCol < 0)
            throw new InstanceFormatException(file, 1, $"header '{headerText}' lacks an 'instance' column or a 'bks_cost'/'distance' column");

        var entries = new Dictionary<string, BksEntry>(StringComparer.OrdinalIgnoreCase);
        int lineNumber = 1;
        while (reader.ReadLine() is { } text)
        {
            lineNumber++;
            if (text.Trim().Length == 0) continue;
            var cells = SplitCsv(text, file, lineNumber);
            if (cells.Count != header.Count)
                throw new InstanceFormatException(file, lineNumber, $"expected {header.Count} columns, found {cells.Count}");
            string name = cells[instanceCol].Trim();
            if (name.Length == 0) throw new InstanceFormatException(file, lineNumber, "instance name is empty");
            double? cost = null;
            if (cells[costCol].Trim() is { Length: > 0 } costText)
            {
                if (!double.TryParse(costText, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value) || value < 0)
                    throw new InstanceFormatException(file, lineNumber, $"column '{header[costCol]}' is '{costText}', not a non-negative number");
                cost = value;
            }
            int? vehicles = null;
            if (vehiclesCol >= 0 && cells[vehiclesCol].Trim() is { Length: > 0 } vehiclesText)
            {
                if (!int.TryParse(vehiclesText, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value <= 0)
                    throw new InstanceFormatException(file, lineNumber, $"column 'vehicles' is '{vehiclesText}', not a positive integer");
                vehicles = value;
            }
            if (!entries.TryAdd(name, new BksEntry(name, cost, vehicles, sourceCol >= 0 ? cells[sourceCol] : "")))
                throw new InstanceFormatException(file, lineNumber, $"instance '{name}' appears twice");
        }
        return new BksTable(entries);
    }

    /// <summary>Splits one CSV line (RFC 4180 quoting, no embedded line breaks).</summary>
    private static List<string> SplitCsv(string line, string file, int lineNumber)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char ch = line[i];
            if (quoted)
            {
                if (ch != '"') cell.Append(ch);
                else if (i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else quoted = false;
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { cells.Add(cell.ToString()); cell.Clear(); }
            else if (ch != '\r') cell.Append(ch);
        }
        if (quoted) throw new InstanceFormatException(file, lineNumber, "unterminated quoted cell");
        cells.Add(cell.ToString());
        return cells;
    }
}

using System.Globalization;

namespace DemandMobility.Optimization.Instances;

/// <summary>One non-blank line of an instance file split into fields, with its 1-based line number for error messages.</summary>
internal readonly record struct InstanceLine(int LineNumber, string[] Fields)
{
    private static readonly char[] Separators = [' ', '\t', '\r'];

    /// <summary>Reads all non-blank lines; CR, LF and CRLF endings are all accepted.</summary>
    public static List<InstanceLine> ReadAll(TextReader reader)
    {
        var lines = new List<InstanceLine>();
        int number = 0;
        while (reader.ReadLine() is { } text)
        {
            number++;
            var fields = text.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 0) lines.Add(new InstanceLine(number, fields));
        }
        return lines;
    }

    /// <summary>Field <paramref name="index"/> as a finite double, or a format error naming the field.</summary>
    public double Number(string file, int index, string field)
    {
        if (!double.TryParse(Fields[index], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            throw new InstanceFormatException(file, LineNumber, $"field {index + 1} ({field}) is '{Fields[index]}', not a number");
        return value;
    }

    /// <summary>Field <paramref name="index"/> as an integer, or a format error naming the field.</summary>
    public int Integer(string file, int index, string field)
    {
        if (!int.TryParse(Fields[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
            throw new InstanceFormatException(file, LineNumber, $"field {index + 1} ({field}) is '{Fields[index]}', not an integer");
        return value;
    }

    /// <summary>Fails unless the line has exactly <paramref name="count"/> fields.</summary>
    public void ExpectFields(string file, int count, string layout)
    {
        if (Fields.Length != count)
            throw new InstanceFormatException(file, LineNumber, $"expected {count} fields ({layout}), found {Fields.Length}");
    }
}

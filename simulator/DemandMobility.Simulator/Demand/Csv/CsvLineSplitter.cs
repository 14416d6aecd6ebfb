namespace DemandMobility.Simulator.Demand.Csv;

/// <summary>Splits one CSV line into fields (RFC 4180 quoting: "a,b" and doubled quotes; no line breaks inside fields).</summary>
internal static class CsvLineSplitter
{
    /// <summary>The fields of <paramref name="line"/>, trimmed; false with a problem text when a quote is left open.</summary>
    public static bool TrySplit(string line, List<string> fields, out string? problem)
    {
        fields.Clear();
        problem = null;
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < line.Length && line[i + 1] == '"')
                    {
                        current.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString().Trim());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }
        if (quoted)
        {
            problem = "a quoted field is not closed";
            return false;
        }
        fields.Add(current.ToString().Trim());
        return true;
    }
}

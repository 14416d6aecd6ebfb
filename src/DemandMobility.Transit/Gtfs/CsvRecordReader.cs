using System.Text;

namespace DemandMobility.Transit.Gtfs;

/// <summary>
/// Streams the records of one CSV file (RFC 4180 as GTFS uses it: comma separated, fields optionally in double
/// quotes with <c>""</c> for a quote, CRLF or LF line ends, an optional UTF-8 byte-order mark). Reads through a
/// fixed char buffer and hands out each field as a span into a reused record buffer, so a file of any size is
/// read without one string per line; only the caller decides which fields become strings.
/// </summary>
internal sealed class CsvRecordReader : IDisposable
{
    private readonly TextReader _reader;
    private readonly char[] _buffer = new char[1 << 16];
    private int _pos, _len;
    private char[] _record = new char[1024];
    private int _recordLength;
    private int[] _fieldStart = new int[32];
    private int[] _fieldEnd = new int[32];

    /// <summary>Opens a reader over a stream; a UTF-8 byte-order mark is skipped.</summary>
    public CsvRecordReader(Stream stream) =>
        _reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);

    /// <summary>Number of fields of the current record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>1-based physical line number where the current record starts.</summary>
    public long LineNumber { get; private set; }

    private long _nextLine = 1;

    /// <summary>The field at <paramref name="index"/> (unquoted); empty when the record has fewer fields.</summary>
    public ReadOnlySpan<char> this[int index] =>
        index < FieldCount ? _record.AsSpan(_fieldStart[index], _fieldEnd[index] - _fieldStart[index]) : default;

    /// <summary>Reads the next non-empty record; false at the end of the file.</summary>
    /// <exception cref="FormatException">A quoted field is not closed before the end of the file.</exception>
    public bool Read()
    {
        while (true)
        {
            if (!Fill()) return false;
            LineNumber = _nextLine;
            ReadRecord();
            // Blank lines (often a trailing one) carry no record.
            if (FieldCount == 1 && _fieldEnd[0] == _fieldStart[0]) { if (AtEnd()) return false; continue; }
            return true;
        }
    }

    private bool AtEnd() => _pos >= _len && !Fill();

    private bool Fill()
    {
        if (_pos < _len) return true;
        _len = _reader.Read(_buffer, 0, _buffer.Length);
        _pos = 0;
        return _len > 0;
    }

    private void ReadRecord()
    {
        _recordLength = 0;
        FieldCount = 0;
        while (true)
        {
            int start = _recordLength;
            bool quoted = false;
            if (Fill() && _buffer[_pos] == '"')
            {
                quoted = true;
                _pos++;
                ReadQuoted();
            }
            // Unquoted part (or what follows a closing quote, kept verbatim as lenient readers do).
            char end = ReadUntilDelimiter();
            AddField(start, _recordLength, quoted);
            if (end != ',') return;
        }
    }

    private void ReadQuoted()
    {
        long startLine = _nextLine;
        while (true)
        {
            if (!Fill()) throw new FormatException($"quoted field opened on line {startLine} is not closed before the end of the file");
            char c = _buffer[_pos++];
            if (c == '"')
            {
                if (Fill() && _buffer[_pos] == '"') { _pos++; Append('"'); continue; }
                return;
            }
            if (c == '\n') _nextLine++;
            Append(c);
        }
    }

    /// <summary>Reads up to a comma or line end; returns ',' for a comma, '\n' for a line end or end of file.</summary>
    private char ReadUntilDelimiter()
    {
        while (Fill())
        {
            var span = _buffer.AsSpan(_pos, _len - _pos);
            int i = span.IndexOfAny(',', '\n', '\r');
            if (i < 0)
            {
                AppendSpan(span);
                _pos = _len;
                continue;
            }
            AppendSpan(span[..i]);
            char c = span[i];
            _pos += i + 1;
            if (c == ',') return ',';
            if (c == '\r' && Fill() && _buffer[_pos] == '\n') _pos++;
            _nextLine++;
            return '\n';
        }
        return '\n';
    }

    private void AddField(int start, int end, bool quoted)
    {
        if (FieldCount == _fieldStart.Length)
        {
            Array.Resize(ref _fieldStart, FieldCount * 2);
            Array.Resize(ref _fieldEnd, FieldCount * 2);
        }
        // Unquoted fields are trimmed of surrounding blanks, which real feeds often carry after commas.
        if (!quoted)
        {
            while (start < end && _record[start] == ' ') start++;
            while (end > start && _record[end - 1] == ' ') end--;
        }
        _fieldStart[FieldCount] = start;
        _fieldEnd[FieldCount] = end;
        FieldCount++;
    }

    private void Append(char c)
    {
        if (_recordLength == _record.Length) Array.Resize(ref _record, _record.Length * 2);
        _record[_recordLength++] = c;
    }

    private void AppendSpan(ReadOnlySpan<char> s)
    {
        if (_recordLength + s.Length > _record.Length) Array.Resize(ref _record, Math.Max(_record.Length * 2, _recordLength + s.Length));
        s.CopyTo(_record.AsSpan(_recordLength));
        _recordLength += s.Length;
    }

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();
}

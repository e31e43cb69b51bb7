using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CampaignMcp.Serialization;

/// <summary>
/// Writes a decimal without the trailing zeros of its scale (<c>20977.70m</c> as <c>20977.7</c>): the same number,
/// the form a JavaScript server writes, and fewer bytes per reply. Formatting then trimming the digits keeps it
/// allocation-free and cheaper than normalizing the value by division.
/// </summary>
public sealed class ShortestDecimalConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        if (value.Scale == 0)
        {
            writer.WriteNumberValue(value);
            return;
        }

        Span<byte> digits = stackalloc byte[64];
        if (!Utf8Formatter.TryFormat(value, digits, out var length))
        {
            writer.WriteNumberValue(value);
            return;
        }

        var written = digits[..length].TrimEnd((byte)'0');
        if (written[^1] == (byte)'.')
        {
            written = written[..^1];
        }

        writer.WriteRawValue(written, skipInputValidation: true);
    }
}

using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CampaignMcp.TestSupport;

/// <summary>
/// A JSON message re-written with one escaping (relaxed), JSON carried in a <c>text</c> member normalized the same
/// way: two serializations that differ only in how they escape strings come out equal.
/// </summary>
public static class JsonEscaping
{
    public static string Normalized(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, document.RootElement);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    if (property.Name == "text" && property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is ['{' or '[', ..] text)
                    {
                        writer.WriteStringValue(Normalized(Encoding.UTF8.GetBytes(text)));
                    }
                    else
                    {
                        Write(writer, property.Value);
                    }
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}

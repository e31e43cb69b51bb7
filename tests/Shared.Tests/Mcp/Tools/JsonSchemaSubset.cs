using System.Globalization;
using System.Text.Json;

namespace CampaignMcp.Tests.Mcp.Tools;

/// <summary>
/// A JSON Schema (2020-12) validator for the keywords the tools' schemas use, and no more: a schema with any
/// other keyword is refused, so a schema cannot pass by using something this validator ignores.
/// </summary>
internal static class JsonSchemaSubset
{
    private static readonly HashSet<string> Known =
    [
        "$ref", "type", "properties", "required", "additionalProperties", "items", "enum", "oneOf",
        "format", "minimum", "maximum", "minLength", "maxLength", "description", "default",
    ];

    public static IReadOnlyList<string> Validate(JsonElement schema, JsonElement instance)
    {
        var errors = new List<string>();
        Check(schema, schema, instance, "$", errors);
        return errors;
    }

    private static void Check(JsonElement root, JsonElement schema, JsonElement instance, string path, List<string> errors)
    {
        foreach (var keyword in schema.EnumerateObject())
        {
            if (!Known.Contains(keyword.Name))
            {
                throw new NotSupportedException($"Schema keyword '{keyword.Name}' at {path} is not supported by this validator.");
            }
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            Check(root, Resolve(root, reference.GetString()!), instance, path, errors);
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToArray() : [type.GetString()!];
            if (!types.Any(t => IsType(instance, t)))
            {
                errors.Add($"{path}: expected {string.Join(" or ", types)}, got {instance.ValueKind}");
                return;
            }
        }

        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(value => JsonElement.DeepEquals(value, instance)))
        {
            errors.Add($"{path}: {instance.GetRawText()} is not one of {allowed.GetRawText()}");
        }

        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            var passing = oneOf.EnumerateArray().Count(option => Validate(root, option, instance, path).Count == 0);
            if (passing != 1)
            {
                errors.Add($"{path}: matches {passing} of the oneOf schemas, not exactly one");
            }
        }

        if (instance.ValueKind == JsonValueKind.Object)
        {
            var properties = schema.TryGetProperty("properties", out var declared) ? declared : default;
            if (schema.TryGetProperty("required", out var required))
            {
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Where(name => !instance.TryGetProperty(name, out _)))
                {
                    errors.Add($"{path}: required property '{name}' is missing");
                }
            }

            foreach (var property in instance.EnumerateObject())
            {
                if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
                {
                    Check(root, propertySchema, property.Value, $"{path}.{property.Name}", errors);
                }
                else if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False)
                {
                    errors.Add($"{path}: property '{property.Name}' is not allowed");
                }
            }
        }

        if (instance.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in instance.EnumerateArray())
            {
                Check(root, items, item, $"{path}[{index++}]", errors);
            }
        }

        if (instance.ValueKind == JsonValueKind.String)
        {
            var text = instance.GetString()!;
            if (schema.TryGetProperty("maxLength", out var maxLength) && text.Length > maxLength.GetInt32())
            {
                errors.Add($"{path}: longer than {maxLength.GetInt32()} characters");
            }

            if (schema.TryGetProperty("minLength", out var minLength) && text.Length < minLength.GetInt32())
            {
                errors.Add($"{path}: shorter than {minLength.GetInt32()} characters");
            }

            if (schema.TryGetProperty("format", out var format) && !HasFormat(text, format.GetString()!))
            {
                errors.Add($"{path}: '{text}' is not a {format.GetString()}");
            }
        }

        if (instance.ValueKind == JsonValueKind.Number)
        {
            var number = instance.GetDecimal();
            if (schema.TryGetProperty("minimum", out var minimum) && number < minimum.GetDecimal())
            {
                errors.Add($"{path}: {number} is below {minimum.GetDecimal()}");
            }

            if (schema.TryGetProperty("maximum", out var maximum) && number > maximum.GetDecimal())
            {
                errors.Add($"{path}: {number} is above {maximum.GetDecimal()}");
            }
        }
    }

    private static List<string> Validate(JsonElement root, JsonElement schema, JsonElement instance, string path)
    {
        var errors = new List<string>();
        Check(root, schema, instance, path, errors);
        return errors;
    }

    private static bool IsType(JsonElement instance, string type) => type switch
    {
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "string" => instance.ValueKind == JsonValueKind.String,
        "number" => instance.ValueKind == JsonValueKind.Number,
        "integer" => instance.ValueKind == JsonValueKind.Number && instance.TryGetDecimal(out var value) && value == decimal.Truncate(value),
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => instance.ValueKind == JsonValueKind.Null,
        _ => throw new NotSupportedException($"Schema type '{type}' is not supported by this validator."),
    };

    // RFC 3339 full-date and date-time, the meanings JSON Schema gives these formats.
    private static bool HasFormat(string text, string format) => format switch
    {
        "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "date-time" => text.Length >= 20 && text[10] == 'T' && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        _ => throw new NotSupportedException($"Schema format '{format}' is not supported by this validator."),
    };

    /// <summary>A local JSON Pointer reference (RFC 6901), the only kind the schema exporter writes.</summary>
    private static JsonElement Resolve(JsonElement root, string reference)
    {
        if (!reference.StartsWith('#'))
        {
            throw new NotSupportedException($"Only local references are supported, not '{reference}'.");
        }

        var target = root;
        foreach (var token in reference[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            target = target.ValueKind == JsonValueKind.Array ? target[int.Parse(name, CultureInfo.InvariantCulture)] : target.GetProperty(name);
        }

        return target;
    }
}

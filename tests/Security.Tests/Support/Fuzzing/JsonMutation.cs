using System.Text.Json;
using System.Text.Json.Nodes;

namespace CampaignMcp.Security.Tests.Support.Fuzzing;

/// <summary>
/// Structural damage to a valid JSON document that stays valid JSON: a value replaced by another of any
/// type, a member removed or added, an array emptied; so that the checks after parsing are reached.
/// Inserted values keep their exact text (numbers past double, escaped lone surrogates, which
/// <see cref="JsonNode"/> cannot carry): each goes in as a placeholder, replaced by the raw text at the end.
/// </summary>
public static class JsonMutation
{
    public static string Apply(string json, Random random, int count, IReadOnlyList<string> values)
    {
        var raw = new List<string>();
        JsonNode Placeholder(string value)
        {
            raw.Add(value);
            return JsonValue.Create($"__fuzz_raw_{raw.Count - 1}__");
        }

        var root = (JsonNode?)Placeholder(json);
        try
        {
            var parsed = JsonNode.Parse(json);
            _ = parsed?.ToJsonString();
            root = parsed;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // Not a document JsonNode can edit: the text stays as it is.
        }

        for (var i = 0; i < count; i++)
        {
            var nodes = new List<JsonNode>();
            Collect(root, nodes);
            if (nodes.Count == 0)
            {
                return values[random.Next(values.Count)];
            }

            var target = nodes[random.Next(nodes.Count)];
            var replacement = Placeholder(values[random.Next(values.Count)]);
            switch (random.Next(4))
            {
                case 0 when target.Parent is not null:
                    Replace(target, replacement);
                    break;
                case 1 when target.Parent is JsonObject parent:
                    parent.Remove(target.GetPropertyName());
                    break;
                case 2 when target is JsonObject members:
                    members[FuzzInputs.Pick(random, "id", "method", "params", "auth", "_meta", "arguments", "name", "x", "scope", "client_id")] = replacement;
                    break;
                case 3 when target is JsonArray items:
                    if (random.Next(2) == 0)
                    {
                        items.Clear();
                    }
                    else
                    {
                        items.Add(replacement);
                    }

                    break;
                default:
                    if (target == root)
                    {
                        root = replacement;
                    }
                    else
                    {
                        Replace(target, replacement);
                    }

                    break;
            }
        }

        var text = root?.ToJsonString() ?? "null";
        for (var i = 0; i < raw.Count; i++)
        {
            text = text.Replace($"\"__fuzz_raw_{i}__\"", raw[i], StringComparison.Ordinal);
        }

        return text;
    }

    private static void Replace(JsonNode target, JsonNode? replacement)
    {
        switch (target.Parent)
        {
            case JsonObject parent:
                parent[target.GetPropertyName()] = replacement;
                break;
            case JsonArray parent:
                parent[target.GetElementIndex()] = replacement;
                break;
        }
    }

    private static void Collect(JsonNode? node, List<JsonNode> nodes)
    {
        if (node is null)
        {
            return;
        }

        nodes.Add(node);
        switch (node)
        {
            case JsonObject members:
                foreach (var (_, value) in members)
                {
                    Collect(value, nodes);
                }

                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    Collect(item, nodes);
                }

                break;
        }
    }
}

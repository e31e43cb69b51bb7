using System.Text.Json;

namespace CampaignMcp.Mcp;

/// <summary>
/// The SDK reads <c>params</c> case-insensitively (its JSON options), so <c>{"a":1,"A":2}</c> names one member
/// twice: the first access to such an object throws. A message whose params hold such a pair anywhere is
/// ambiguous, and is refused as invalid params before anything reads it.
/// </summary>
public static class AmbiguousMemberNames
{
    private const int ShownLength = 64;

    /// <summary>The first two member names, at any depth, that differ only in case; null when there are none.</summary>
    public static (string First, string Second)? Find(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                // Most params objects hold one or two members: a set only from the second on.
                string? only = null;
                HashSet<string>? seen = null;
                foreach (var property in element.EnumerateObject())
                {
                    if (only is null)
                    {
                        only = property.Name;
                    }
                    else
                    {
                        seen ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase) { only };
                        if (!seen.Add(property.Name))
                        {
                            seen.TryGetValue(property.Name, out var first);
                            return (Shown(first!), Shown(property.Name));
                        }
                    }

                    if (Find(property.Value) is { } nested)
                    {
                        return nested;
                    }
                }

                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (Find(item) is { } nested)
                    {
                        return nested;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static string Shown(string name) => name.Length <= ShownLength ? name : name[..ShownLength] + "…";
}

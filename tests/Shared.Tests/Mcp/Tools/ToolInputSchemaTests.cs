using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignMcp.Mcp.Tools;
using CampaignMcp.TestSupport;

namespace CampaignMcp.Tests.Mcp.Tools;

/// <summary>
/// The input schema a client sees and the arguments a tool accepts agree: every value the schema allows is
/// accepted, and every limit it states is enforced with a message that names the argument.
/// </summary>
public sealed class ToolInputSchemaTests : IDisposable
{
    public static readonly TheoryData<string> ToolNames = new("list_campaigns", "get_campaign", "campaign_performance", "export_campaigns");

    private readonly McpTestServices services = new();
    private readonly ToolCalls tools;

    public ToolInputSchemaTests() => tools = new ToolCalls(services);

    public void Dispose() => services.Dispose();

    private async Task<JsonElement> SchemaAsync(string tool) => (await tools.ListAsync())[tool].GetProperty("inputSchema");

    /// <summary>The arguments a call needs besides the one under test.</summary>
    private static JsonObject Valid(string tool) => tool == "get_campaign" ? new JsonObject { ["id"] = "cmp-0001" } : [];

    private static IEnumerable<(string Name, JsonElement Schema)> Properties(JsonElement schema) =>
        schema.GetProperty("properties").EnumerateObject().Select(p => (p.Name, p.Value));

    [Theory]
    [MemberData(nameof(ToolNames))]
    public async Task The_schema_is_closed_and_lists_exactly_the_arguments_the_tool_accepts(string tool)
    {
        var schema = await SchemaAsync(tool);
        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.False(schema.GetProperty("additionalProperties").GetBoolean());

        var message = ToolCalls.ErrorText(await tools.CallAsync(tool, """{"colour":"red"}"""));
        Assert.Equal($"Unknown argument 'colour'. This tool accepts: {string.Join(", ", Properties(schema).Select(p => p.Name))}.", message);
    }

    [Theory]
    [MemberData(nameof(ToolNames))]
    public async Task Every_enum_value_in_the_schema_is_accepted(string tool)
    {
        var tried = 0;
        foreach (var (name, property) in Properties(await SchemaAsync(tool)))
        {
            var options = property.TryGetProperty("oneOf", out var oneOf) ? oneOf.EnumerateArray().ToArray() : [property];
            foreach (var option in options)
            {
                var values = option.TryGetProperty("enum", out var direct) ? direct : option.TryGetProperty("items", out var items) && items.TryGetProperty("enum", out var inner) ? inner : default;
                if (values.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                var given = option.GetProperty("type").GetString() == "array"
                    ? [JsonNode.Parse(values.GetRawText())]
                    : values.EnumerateArray().Select(v => JsonNode.Parse(v.GetRawText())).ToArray();
                foreach (var value in given)
                {
                    var arguments = Valid(tool);
                    arguments[name] = value;
                    Assert.Empty(JsonSchemaSubset.Validate(await SchemaAsync(tool), JsonSerializer.SerializeToElement(arguments)));
                    ToolCalls.AssertSucceeded(await tools.CallAsync(tool, arguments));
                    tried++;
                }
            }

            if (property.TryGetProperty("default", out var fallback))
            {
                var arguments = Valid(tool);
                arguments[name] = JsonNode.Parse(fallback.GetRawText());
                ToolCalls.AssertSucceeded(await tools.CallAsync(tool, arguments));
            }
        }

        Assert.True(tool == "get_campaign" || tried > 0, "no enum was tried");
    }

    [Theory]
    [MemberData(nameof(ToolNames))]
    public async Task Numeric_bounds_in_the_schema_are_the_bounds_the_tool_enforces(string tool)
    {
        foreach (var (name, property) in Properties(await SchemaAsync(tool)).Where(p => p.Schema.TryGetProperty("minimum", out _)))
        {
            var integer = property.GetProperty("type").GetString() == "integer";
            var minimum = property.GetProperty("minimum").GetDecimal();
            await AssertAcceptedAsync(tool, name, minimum);
            var below = integer ? minimum - 1 : minimum - 0.01m;
            var expected = integer
                ? $"'{name}' must be from {minimum} to {property.GetProperty("maximum").GetDecimal()}; got {below}."
                : $"'{name}' must be at least {minimum.ToString(CultureInfo.InvariantCulture)}.";
            await AssertRefusedAsync(tool, name, below, expected);

            if (property.TryGetProperty("maximum", out var maximumValue))
            {
                var maximum = maximumValue.GetDecimal();
                await AssertAcceptedAsync(tool, name, maximum);
                await AssertRefusedAsync(tool, name, maximum + 1, $"'{name}' must be from {minimum} to {maximum}; got {maximum + 1}.");
            }

            if (integer)
            {
                await AssertRefusedAsync(tool, name, minimum + 0.5m, $"'{name}' must be a whole number from {minimum} to {property.GetProperty("maximum").GetDecimal()}.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ToolNames))]
    public async Task String_length_limits_in_the_schema_are_the_limits_the_tool_enforces(string tool)
    {
        var schema = await SchemaAsync(tool);
        foreach (var (name, property) in Properties(schema).Where(p => p.Schema.TryGetProperty("maxLength", out _)))
        {
            var maxLength = property.GetProperty("maxLength").GetInt32();
            var arguments = Valid(tool);
            arguments[name] = new string('7', maxLength + 1);
            Assert.NotEmpty(JsonSchemaSubset.Validate(schema, JsonSerializer.SerializeToElement(arguments)));
            Assert.Equal($"'{name}' must be at most {maxLength} characters.", ToolCalls.ErrorText(await tools.CallAsync(tool, arguments)));
        }
    }

    [Theory]
    [MemberData(nameof(ToolNames))]
    public async Task Dates_in_the_schema_format_are_accepted_and_others_refused(string tool)
    {
        foreach (var (name, _) in Properties(await SchemaAsync(tool)).Where(p => p.Schema.TryGetProperty("format", out var format) && format.GetString() == "date"))
        {
            var arguments = Valid(tool);
            arguments[name] = "2026-02-28";
            ToolCalls.AssertSucceeded(await tools.CallAsync(tool, arguments));
            arguments[name] = "2026-02-30";
            Assert.Equal($"'{name}' must be a date like 2026-03-31 (YYYY-MM-DD); got '2026-02-30'.", ToolCalls.ErrorText(await tools.CallAsync(tool, arguments)));
        }
    }

    [Theory]
    [MemberData(nameof(ToolNames))]
    public async Task A_value_of_the_wrong_json_type_is_refused_naming_the_argument(string tool)
    {
        foreach (var (name, _) in Properties(await SchemaAsync(tool)))
        {
            var arguments = Valid(tool);
            arguments[name] = new JsonObject { ["x"] = 1 };
            Assert.StartsWith($"'{name}' ", ToolCalls.ErrorText(await tools.CallAsync(tool, arguments)), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(ToolNames))]
    public async Task Required_arguments_in_the_schema_are_the_ones_the_tool_requires(string tool)
    {
        var schema = await SchemaAsync(tool);
        var required = schema.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(n => n.GetString()!).ToArray() : [];
        Assert.Equal(tool == "get_campaign" ? ["id"] : [], required);
        foreach (var name in required)
        {
            var arguments = Valid(tool);
            arguments.Remove(name);
            Assert.Equal($"'{name}' is required.", ToolCalls.ErrorText(await tools.CallAsync(tool, arguments)));
        }

        if (required.Length == 0)
        {
            ToolCalls.AssertSucceeded(await tools.CallAsync(tool, "{}"));
        }
    }

    [Fact]
    public void A_tool_cannot_read_an_argument_its_schema_does_not_declare()
    {
        var declared = new TextParameter("declared", "In the schema.", 10);
        var undeclared = new TextParameter("undeclared", "Not in the schema.", 10);
        var arguments = new ToolInput(declared).Read(null);

        Assert.Null(declared.Read(arguments));
        Assert.Throws<InvalidOperationException>(() => undeclared.Read(arguments));
    }

    [Fact]
    public void An_argument_declared_twice_is_refused_when_the_tool_is_defined() =>
        Assert.Throws<InvalidOperationException>(() => new ToolInput(new TextParameter("a", "A.", 1), new NumberParameter("a", "A again.", 0)));

    private async Task AssertAcceptedAsync(string tool, string name, decimal value)
    {
        var arguments = Valid(tool);
        arguments[name] = value;
        ToolCalls.AssertSucceeded(await tools.CallAsync(tool, arguments));
    }

    private async Task AssertRefusedAsync(string tool, string name, decimal value, string message)
    {
        var arguments = Valid(tool);
        arguments[name] = value;
        Assert.NotEmpty(JsonSchemaSubset.Validate(await SchemaAsync(tool), JsonSerializer.SerializeToElement(arguments)));
        Assert.Equal(message, ToolCalls.ErrorText(await tools.CallAsync(tool, arguments)));
    }
}

using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;

namespace CampaignMcp.Http;

/// <summary>What an endpoint read from its request: the value to go on with, or the answer that refuses the request.</summary>
public sealed class RequestRead<T>
    where T : class
{
    internal RequestRead(T? value, IResult? refusal)
    {
        Value = value;
        Refusal = refusal;
    }

    public T? Value { get; }

    public IResult? Refusal { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool Succeeded => Value is not null;
}

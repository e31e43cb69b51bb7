using System.Diagnostics.CodeAnalysis;

namespace CampaignMcp.Http;

/// <summary>What a step of request handling produced: the value to go on with, or the error that ends the request.</summary>
public sealed class Outcome<TValue, TError>
    where TValue : class
    where TError : class
{
    internal Outcome(TValue? value, TError? error)
    {
        Value = value;
        Error = error;
    }

    public TValue? Value { get; }

    public TError? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Value is not null;
}

using System.Diagnostics.CodeAnalysis;
using CampaignMcp.Http;

namespace CampaignMcp.Tokens.Api;

/// <summary>The outcome of reading a token-surface body: the request, or the envelope error a 400 carries.</summary>
public sealed record ParsedRequest<T>
    where T : class
{
    internal ParsedRequest(T? request, ApiError? error)
    {
        Request = request;
        Error = error;
    }

    public T? Request { get; }

    public ApiError? Error { get; }

    [MemberNotNullWhen(true, nameof(Request))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Request is not null;
}

using Microsoft.AspNetCore.Http;

namespace CampaignMcp.Http;

/// <summary>Makes <see cref="RequestRead{T}"/> outcomes.</summary>
public static class RequestRead
{
    public static RequestRead<T> Of<T>(T value)
        where T : class => new(value, null);

    public static RequestRead<T> Refused<T>(IResult refusal)
        where T : class => new(null, refusal);
}

namespace CampaignMcp.Http;

/// <summary>Makes <see cref="Outcome{TValue, TError}"/> values.</summary>
public static class Outcome
{
    public static Outcome<TValue, TError> Of<TValue, TError>(TValue value)
        where TValue : class
        where TError : class => new(value, null);

    public static Outcome<TValue, TError> Failed<TValue, TError>(TError error)
        where TValue : class
        where TError : class => new(null, error);
}

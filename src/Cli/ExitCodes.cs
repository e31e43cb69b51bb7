namespace CampaignMcp.Cli;

/// <summary>The tool's exit codes (documented in docs/storage.md).</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>An unexpected error (a bug); the message says what happened.</summary>
    public const int Failure = 1;

    /// <summary>Bad arguments: unknown command or option, missing value, a file that is neither .csv nor .json.</summary>
    public const int Usage = 2;

    /// <summary>The input file is missing, unreadable or malformed, or has invalid rows (and --skip-invalid was not given).</summary>
    public const int InvalidInput = 3;

    /// <summary>Table Storage did not answer; re-running is safe (the import upserts by id).</summary>
    public const int StorageUnavailable = 4;

    /// <summary>No storage connection is configured, or the one configured is unusable.</summary>
    public const int StorageMisconfigured = 5;
}

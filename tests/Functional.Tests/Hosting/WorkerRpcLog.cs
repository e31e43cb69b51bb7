using Google.Protobuf;

namespace CampaignMcp.Functional.Tests.Hosting;

/// <summary>
/// An <c>RpcLog</c> the worker sent the host, read from its <c>StreamingMessage</c> (field 2, <c>rpc_log</c>) with the
/// field numbers of the Functions language worker protocol (azure-functions-language-worker-protobuf,
/// FunctionRpc.proto): category 2, level 3, message 4, event_id 5, log_category 8.
/// </summary>
public sealed record WorkerRpcLog(string Category, int Level, string Message, string EventId, int LogCategory)
{
    /// <summary><c>RpcLog.Level</c> values.</summary>
    public const int Warning = 3;
    public const int Error = 4;
    public const int Critical = 5;

    /// <summary><c>RpcLog.RpcLogCategory</c> values.</summary>
    public const int User = 0;
    public const int System = 1;

    public static WorkerRpcLog? FromStreamingMessage(byte[] message)
    {
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 2 && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                return Read(input.ReadBytes());
            }

            input.SkipLastField();
        }

        return null;
    }

    private static WorkerRpcLog Read(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        string category = "", message = "", eventId = "";
        int level = 0, logCategory = User;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 2: category = input.ReadString(); break;
                case 3: level = input.ReadEnum(); break;
                case 4: message = input.ReadString(); break;
                case 5: eventId = input.ReadString(); break;
                case 8: logCategory = input.ReadEnum(); break;
                default: input.SkipLastField(); break;
            }
        }

        return new WorkerRpcLog(category, level, message, eventId, logCategory);
    }
}

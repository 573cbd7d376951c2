namespace CityEdge.Link
{
    /// <summary>Result codes in a command ack (docs/mqtt.md "Command acks").</summary>
    public static class CommandResult
    {
        public const int Ok = 0;

        /// <summary>Not a command frame v1 (too short, bad lengths, unknown version).</summary>
        public const int Malformed = 1;

        /// <summary>The HMAC does not match: forged, altered or signed with another node's key.</summary>
        public const int BadSignature = 2;

        /// <summary>The counter is not above the last accepted one: a replay (or an out-of-order resend).</summary>
        public const int Replayed = 3;

        /// <summary>Signed for another node id.</summary>
        public const int WrongNode = 4;

        /// <summary>Its expiry time has passed (checked only while the node's clock is set).</summary>
        public const int Expired = 5;

        /// <summary>No handler for the action: the capability is not fitted or not built in.</summary>
        public const int Unsupported = 6;

        /// <summary>The arguments are wrong (the ack's detail names the field).</summary>
        public const int InvalidArgument = 7;

        /// <summary>The handler tried and failed (the detail says why).</summary>
        public const int Failed = 8;

        /// <summary>The node has no command key provisioned: it accepts no command.</summary>
        public const int NoKey = 9;

        public static string Name(int result)
        {
            switch (result)
            {
                case Ok: return "ok";
                case Malformed: return "malformed";
                case BadSignature: return "bad-signature";
                case Replayed: return "replayed";
                case WrongNode: return "wrong-node";
                case Expired: return "expired";
                case Unsupported: return "unsupported";
                case InvalidArgument: return "invalid-argument";
                case Failed: return "failed";
                case NoKey: return "no-key";
                default: return "result-" + result;
            }
        }
    }
}

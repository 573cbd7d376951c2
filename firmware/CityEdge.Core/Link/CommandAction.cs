namespace CityEdge.Link
{
    /// <summary>
    /// Command actions (byte 1 of a command frame, docs/mqtt.md "Commands"). Node actions are
    /// 0x01..0x0F; each capability owns a block of 16 so their handlers register without clashes.
    /// </summary>
    public static class CommandAction
    {
        /// <summary>Publish a status message now. No arguments.</summary>
        public const int RequestStatus = 0x01;

        /// <summary>Planned restart (the queue is flushed to flash first). No arguments.</summary>
        public const int Reboot = 0x02;

        /// <summary>Replace the whole configuration: UTF-8 "key = value" text, validated in full, tried, kept or rolled back.</summary>
        public const int SetConfig = 0x03;

        /// <summary>Lighting (issue 7): set the lamp level. Argument: level in percent, 1 byte 0..100.</summary>
        public const int LampSetLevel = 0x10;

        /// <summary>Lighting (issue 7): override the adaptive control. Arguments: mode (1 byte: 0 = automatic,
        /// 1 = forced on, 2 = forced off), duration in minutes (2 bytes, 0 = until cancelled).</summary>
        public const int LampOverride = 0x11;

        /// <summary>Parking (issue 6): re-learn a bay's empty baseline. Argument: bay index, 1 byte.</summary>
        public const int ParkingRecalibrateBay = 0x20;

        /// <summary>The name `cityedge command` and the docs use; null for an unknown action.</summary>
        public static string Name(int action)
        {
            switch (action)
            {
                case RequestStatus: return "request-status";
                case Reboot: return "reboot";
                case SetConfig: return "set-config";
                case LampSetLevel: return "lamp-level";
                case LampOverride: return "lamp-override";
                case ParkingRecalibrateBay: return "recalibrate-bay";
                default: return null;
            }
        }
    }
}

using System.Text;

namespace CityEdge.Node
{
    /// <summary>The node's firmware version and its "offline" status (docs/mqtt.md); the other status
    /// payloads are <see cref="StatusMessage"/>'s.</summary>
    public static class NodeStatus
    {
        /// <summary>Firmware version reported in the birth message.</summary>
        public const string FirmwareVersion = "0.1.0";

        /// <summary>The last-will and shutdown payload: the broker publishes it when the node vanishes.</summary>
        public static byte[] Offline()
        {
            return Encoding.UTF8.GetBytes("{\"state\":\"offline\"}");
        }
    }
}

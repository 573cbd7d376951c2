using System.Collections;
using CityEdge.Config;
using CityEdge.Diagnostics;
using CityEdge.Hal;

namespace CityEdge.Board
{
    /// <summary>
    /// The node's start-up checks, exactly as the device app runs them (firmware/CityEdge.Device/Program.cs):
    /// the config the node would boot with (<see cref="ConfigBoot"/>: deployed file, config slots, rollback)
    /// and the hardware plan from the board file and the files in storage (<see cref="HardwarePlan"/>).
    /// Host tests call this with the inputs a technician would deploy to show that the node refuses at boot
    /// what `cityedge config check` refuses on a laptop.
    /// </summary>
    public static class BootCheck
    {
        /// <param name="store">The node's storage (config slots, ca.pem, client.pem/key).</param>
        /// <param name="deployedConfigText">Text of I:\cityedge.conf, or null when there is none.</param>
        /// <param name="deployedPath">Its path, for messages.</param>
        /// <param name="boardText">Text of I:\board.board ("" when it is missing: an error is already listed).</param>
        /// <param name="config">The config to run, or null.</param>
        /// <returns>The plan, or null when the board file has errors. Nothing may run while
        /// <paramref name="errors"/> holds anything.</returns>
        public static HardwarePlan Run(IPersistentStore store, string deployedConfigText, string deployedPath, string boardText, ILogSink log,
            ArrayList errors, ArrayList warnings, out NodeConfig config)
        {
            config = ConfigBoot.Select(store, deployedConfigText, deployedPath, log, errors);
            return HardwarePlan.FromFiles(boardText, config, store, errors, warnings);
        }
    }
}

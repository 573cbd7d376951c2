using CityEdge.Device;
using CityEdge.Device.Hal;
using CityEdge.Hal;
using CityEdge.Storage;
using CityEdge.Link;
using nanoFramework.TestFramework;

namespace CityEdge.Tests.Hardware
{
    /// <summary>
    /// The flash queue on the board's real file system (LittleFS on I:\ through FlashFileSystem and CrashSafeStore, as the node stores): records written
    /// come back in order, survive a new queue instance (a reboot) and a torn record at the end is skipped.
    /// Uses its own file names ("hil-" prefix) so the node's own queue is never touched.
    /// </summary>
    [TestClass]
    public class FlashQueueOnFlashTests
    {
        private const int Budget = 16384;

        [TestMethod]
        public void RecordsWrittenAreReadBackInOrderAfterAReopenAndATornTailIsSkipped()
        {
            IPersistentStore store = new CrashSafeStore(new FlashFileSystem(Program.StorageRoot + "hil-"));
            Clear(store);
            FlashQueue queue = new FlashQueue(store, Budget, Bench.Log);
            byte[] record = new byte[40];
            for (int i = 0; i < 50; i++)
            {
                record[0] = (byte)i;
                queue.Append(0, record, 0, record.Length);
            }

            queue.Flush();

            // A power cut in the middle of an append: the header of a record without its payload.
            byte[] torn = new byte[] { FlashQueue.RecordMagic, 0, 0, 40 };
            store.Append("q0.seg", torn, 0, torn.Length);

            FlashQueue reopened = new FlashQueue(store, Budget, Bench.Log);
            Assert.AreEqual(50, reopened.Count, "every record after the reopen");
            byte[] buffer = new byte[FlashQueue.MaxPayloadLength];
            int kind;
            for (int i = 0; i < 50; i++)
            {
                Assert.AreEqual(40, reopened.Peek(buffer, out kind), "record " + i.ToString());
                Assert.AreEqual((byte)i, buffer[0], "order");
                reopened.Remove();
            }

            Assert.AreEqual(-1, reopened.Peek(buffer, out kind), "nothing after the torn tail");
            Clear(store);
        }

        private static void Clear(IPersistentStore store)
        {
            store.Delete("q.idx");
            for (int slot = 0; slot < 8; slot++)
            {
                store.Delete("q" + slot.ToString() + ".seg");
            }
        }
    }
}

// The mongo service's health check (docker-compose.yml), run with `mongosh --nodb --file`:
// connects over TLS as the root user (its password from its compose secret, never on a
// command line), initiates the one-node replica set on first start, and succeeds once this
// node is its primary.
const fs = require('fs');
const password = fs.readFileSync('/run/secrets/mongo-root-password', 'utf8').trim();
const admin = connect(
  `mongodb://root:${encodeURIComponent(password)}@localhost:27017/admin?directConnection=true&tls=true&tlsCAFile=/run/secrets/internal-ca`,
);
let status;
try {
  status = admin.adminCommand({ replSetGetStatus: 1 });
} catch (error) {
  admin.adminCommand({ replSetInitiate: { _id: 'rs0', members: [{ _id: 0, host: 'mongo:27017' }] } });
  quit(1);
}
quit(status.ok === 1 && status.myState === 1 ? 0 : 1);

-- depends_on: {{ ref('source_numbers') }}
select cast(number as long) as id
from {{ source('raw', 'source_numbers') }}
